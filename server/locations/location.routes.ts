// Routes of one location.
import { Router } from 'express';
import type { ComingEvents } from './coming-events.ts';
import type { ListedPlaces } from './listed-places.ts';
import { locationController } from './location.controller.ts';

export function locationRoutes(listed: ListedPlaces, coming: ComingEvents): Router {
  const router = Router();
  const controller = locationController(listed, coming);
  router.get('/locations/:slug', controller.page);
  router.get('/api/v1/locations/:slug', controller.json);
  return router;
}
