// Managing locations: /manage pages and the JSON write API.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { requireUser } from '../shared/http/guards.ts';
import { locationApiController } from './location-api.controller.ts';
import { manageController } from './manage.controller.ts';

export function manageRoutes(_ctx: RouteContext): Router {
  const router = Router();
  router.get('/manage', requireUser, manageController.index);
  router.get('/manage/locations/new', requireUser, manageController.newForm);
  router.post('/manage/locations/new', requireUser, manageController.create);
  router.get('/manage/locations/:slug/edit', requireUser, manageController.editForm);
  router.post('/manage/locations/:slug/edit', requireUser, manageController.update);
  router.post('/manage/locations/:slug/status', requireUser, manageController.status);
  router.get('/manage/opening-hours/preview', requireUser, manageController.preview);

  router.get('/api/v1/manage/locations', locationApiController.list);
  router.get('/api/v1/manage/locations/:slug', locationApiController.get);
  router.post('/api/v1/locations', locationApiController.create);
  router.patch('/api/v1/locations/:slug', locationApiController.patch);
  return router;
}
