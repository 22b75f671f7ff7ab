// Routes of one location.
import { Router } from 'express';
import type { ListedPlaces } from './listed-places.ts';
import { locationController } from './location.controller.ts';
import type { PlaceSections } from './place-sections.ts';

/** `sections`: what other domains add to a place's page, in this order. */
export function locationRoutes(listed: ListedPlaces, sections: PlaceSections[] = []): Router {
  const router = Router();
  const controller = locationController(listed, sections);
  router.get('/locations/:slug', controller.page);
  router.get('/api/v1/locations/:slug', controller.json);
  return router;
}
