// Routes of one location.
import { Router } from 'express';
import { locationController } from './location.controller.ts';

export function locationRoutes(): Router {
  const router = Router();
  router.get('/locations/:slug', locationController.page);
  router.get('/api/v1/locations/:slug', locationController.json);
  return router;
}
