// Routes of the directory: the home page and its JSON twin for the map, which anonymous readers reach early.
import { Router } from 'express';
import type { DirectoryReadModel } from './index.js';
import { directoryController } from './directory.controller.js';
import { mapApiFastPath } from './map-api-fast-path.js';
import { MapAnswerCache } from './map-answer-cache.js';

const MAP_API = '/api/v1/locations';

/**
 * `anonymousMapApi` is mounted before sessions and the rest of the per-request machinery, `routes` after it; both
 * share one cache of map answers.
 */
export function directoryRoutes(directory: DirectoryReadModel): { anonymousMapApi: Router; routes: Router } {
  const mapAnswers = new MapAnswerCache(directory.index);
  const controller = directoryController(directory, mapAnswers);
  const routes = Router();
  routes.get('/', controller.home);
  routes.get(MAP_API, controller.mapApi);
  return { anonymousMapApi: Router().get(MAP_API, mapApiFastPath(mapAnswers)), routes };
}
