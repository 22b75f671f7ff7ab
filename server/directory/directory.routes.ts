// Routes of the directory: the home page and its JSON twin for the map, which anonymous readers reach ahead of Express.
import { Router } from 'express';
import type { DirectoryReadModel } from './index.js';
import { directoryController } from './directory.controller.js';
import { MAP_API, mapApiFastPath, type FastPath } from './map-api-fast-path.js';
import { MapAnswerCache } from './engine/map-answer-cache.js';

/**
 * `anonymousMapReads` answers anonymous map requests before Express sees them, with the app's `securityHeaders`;
 * `routes` answer everything else. Both share one cache of map answers.
 */
export function directoryRoutes(
  directory: DirectoryReadModel,
  securityHeaders: readonly string[],
): { anonymousMapReads: FastPath; routes: Router } {
  const mapAnswers = new MapAnswerCache(directory.index);
  const controller = directoryController(directory, mapAnswers);
  const routes = Router();
  routes.get('/', controller.home);
  routes.get(MAP_API, controller.mapApi);
  return { anonymousMapReads: mapApiFastPath(mapAnswers, securityHeaders), routes };
}
