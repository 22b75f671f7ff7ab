// Routes of one location.
import { Router } from 'express';
import type { ListedPlaces } from './listed-places.ts';
import { locationController } from './location.controller.ts';

export function locationRoutes(listed: ListedPlaces, baseUrl: string): Router {
  const router = Router();
  const controller = locationController(listed, baseUrl);
  router.get('/locations/:slug', controller.page);
  router.get('/api/v1/locations/:slug', controller.json);
  return router;
}
