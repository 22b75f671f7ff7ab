// Routes of the directory: the home page and its JSON twin for the map.
import { Router } from 'express';
import type { DirectoryReadModel } from './index.js';
import { directoryController } from './directory.controller.js';

export function directoryRoutes(directory: DirectoryReadModel): Router {
  const controller = directoryController(directory);
  const router = Router();
  router.get('/', controller.home);
  router.get('/api/v1/locations', controller.mapApi);
  return router;
}
