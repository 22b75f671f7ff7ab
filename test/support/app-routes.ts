// The routes an Express 5 app really has, read from its router stack (routers mounted inside routers included).
import type { Express } from 'express';

interface RouteLike {
  path: string | string[];
  methods: Record<string, boolean | undefined>;
}

interface LayerLike {
  route?: RouteLike;
  handle?: { stack?: LayerLike[] };
  /** The path a router or middleware was mounted at (router 2.x); `slash` is true for the root. */
  rawPath?: unknown;
  slash?: boolean;
}

/** Every route as "METHOD /path" (e.g. "POST /manage/locations/:slug/status"), in registration order. */
export function appRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        const methods = Object.entries(layer.route.methods)
          .filter(([, on]) => on)
          .map(([method]) => (method === '_all' ? 'ALL' : method.toUpperCase()));
        for (const method of methods) for (const path of paths) routes.push(`${method} ${prefix}${path}`);
      } else if (Array.isArray(layer.handle?.stack)) {
        if (!layer.slash && typeof layer.rawPath !== 'string') {
          throw new Error(`a router is mounted at ${String(layer.rawPath)}, which this walk cannot name`);
        }
        walk(layer.handle.stack, layer.slash ? prefix : `${prefix}${String(layer.rawPath)}`);
      }
    }
  };
  walk((app.router as unknown as { stack: LayerLike[] }).stack, '');
  return routes;
}

/** The routes that can change something: every method but GET and HEAD. */
export function writeRoutes(app: Express): string[] {
  return [...new Set(appRoutes(app).filter((route) => !/^(GET|HEAD) /.test(route)))];
}
