// Routes of one location.
import { Router } from 'express';
import type { ListedPlaces } from './listed-places.ts';
import { locationController, type PlacePageParts } from './location.controller.ts';

/** `parts`: what other domains add to a place's page. */
export function locationRoutes(listed: ListedPlaces, parts: PlacePageParts = {}): Router {
  const router = Router();
  const controller = locationController(listed, parts);
  router.get('/locations/:slug', controller.page);
  router.get('/api/v1/locations/:slug', controller.json);
  return router;
}
