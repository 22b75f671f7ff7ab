// Routes of the directory: the home page, its list alone (for the page's script) and its JSON twin for the map, which anonymous readers reach ahead of Express.
import { Router } from 'express';
import type { DirectoryEngine } from './engine/directory-engine.ts';
import { directoryController, LIST_FRAGMENT } from './directory.controller.ts';
import { MAP_API, mapApiFastPath, type FastPath } from './map-api-fast-path.ts';

/**
 * `anonymousMapReads` answers anonymous map requests before Express sees them, with the app's `securityHeaders`;
 * `routes` answer everything else. Both ask the one engine, and share its cache of map answers.
 */
export function directoryRoutes(
  directory: DirectoryEngine,
  securityHeaders: readonly string[],
): { anonymousMapReads: FastPath; routes: Router } {
  const controller = directoryController(directory);
  const routes = Router();
  routes.get('/', controller.home);
  routes.get(LIST_FRAGMENT, controller.listFragment);
  routes.get(MAP_API, controller.mapApi);
  return { anonymousMapReads: mapApiFastPath(directory, securityHeaders), routes };
}
