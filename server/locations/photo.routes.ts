// Routes of a location's photos: the editor's photos page and its writes (all for whoever may edit the location).
import { Router } from 'express';
import { requireUser } from '../shared/http/guards.ts';
import { photoController } from './photo.controller.ts';
import type { PhotoStore } from './photo-store.ts';

export function photoRoutes(store: PhotoStore): Router {
  const router = Router();
  const controller = photoController(store);
  router.get('/manage/locations/:slug/photos', requireUser, controller.page);
  router.post('/manage/locations/:slug/photos', requireUser, controller.upload);
  router.post('/manage/locations/:slug/photos/:photoId/alt', requireUser, controller.describe);
  router.post('/manage/locations/:slug/photos/:photoId/move', requireUser, controller.move);
  router.post('/manage/locations/:slug/photos/:photoId/remove', requireUser, controller.remove);
  return router;
}

/** The photo files, mounted before sessions and the rest: reading one needs no one's identity. */
export function photoFileRoutes(store: PhotoStore): Router {
  const router = Router();
  const controller = photoController(store);
  router.get('/photos/:file', controller.file);
  return router;
}
