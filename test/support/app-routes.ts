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

export interface WalkedRoute {
  /** Upper case, or ALL for `router.all`. */
  method: string;
  /** The full URL pattern, mount prefixes included. */
  path: string;
  /** The router's own Route object, so a caller can tell where it was declared (see scripts/route-table/). */
  route: object;
}

/** Every route, one per method and path, in registration order. */
export function walkRoutes(app: Express): WalkedRoute[] {
  const routes: WalkedRoute[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      const route = layer.route;
      if (route) {
        const paths = Array.isArray(route.path) ? route.path : [route.path];
        const methods = Object.entries(route.methods)
          .filter(([, on]) => on)
          .map(([method]) => (method === '_all' ? 'ALL' : method.toUpperCase()));
        for (const method of methods) for (const path of paths) routes.push({ method, path: prefix + path, route });
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

/** Every route as "METHOD /path" (e.g. "POST /manage/locations/:slug/status"), in registration order. */
export function appRoutes(app: Express): string[] {
  return walkRoutes(app).map(({ method, path }) => `${method} ${path}`);
}

/** The routes that can change something: every method but GET and HEAD. */
export function writeRoutes(app: Express): string[] {
  return [...new Set(appRoutes(app).filter((route) => !/^(GET|HEAD) /.test(route)))];
}
