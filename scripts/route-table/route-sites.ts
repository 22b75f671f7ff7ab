// Where each route of the app is declared: the file and position of its `router.get(…)` call, read off the call stack.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCallSites } from 'node:util';
import express from 'express';

export interface RouteSite {
  file: string;
  /** 1-based, as in the source (tsx's source maps undo the transpiling). */
  line: number;
  column: number;
}

export interface RouteSites {
  siteOf(route: object): RouteSite | undefined;
  /** Puts the router back as it was. */
  stop(): void;
}

interface RouterPrototype {
  route: (this: unknown, routePath: unknown) => object;
}

const THIS_FILE = fileURLToPath(import.meta.url);

/**
 * Every route of Express 5, `app.get` and `router.get` alike, is made by `Router.prototype.route`, so wrapping it
 * sees each declaration as it runs, however the routes file spells its paths and handlers.
 */
export function recordRouteSites(root: string): RouteSites {
  const prototype = (express.Router as unknown as { prototype: RouterPrototype }).prototype;
  const original = prototype.route;
  const sites = new WeakMap<object, RouteSite>();
  prototype.route = function route(routePath) {
    const made = original.call(this, routePath);
    const site = callerSite(root);
    if (site) sites.set(made, site);
    return made;
  };
  return {
    siteOf: (route) => sites.get(route),
    stop: () => {
      prototype.route = original;
    },
  };
}

/**
 * The frame of the routes file that declared the route, or else the nearest one in the project's own code (the
 * frames of express and router are in node_modules); a helper that declares routes for its caller is skipped.
 */
function callerSite(root: string): RouteSite | undefined {
  const own: RouteSite[] = [];
  for (const frame of getCallSites(32, { sourceMap: true })) {
    const file = frame.scriptName.startsWith('file:') ? fileURLToPath(frame.scriptName) : frame.scriptName;
    const outside = !file.startsWith(root + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`);
    if (file !== THIS_FILE && !outside) own.push({ file, line: frame.lineNumber, column: frame.columnNumber });
  }
  return own.find((site) => site.file.endsWith('.routes.ts')) ?? own[0];
}
