// Member passes and check-ins.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import type { ListedPlaces } from '../locations/index.ts';
import { requireUser } from '../shared/http/guards.ts';
import { checkInController } from './check-in.controller.ts';
import { passesController } from './passes.controller.ts';

/** `listed`: the directory's answer to which place a slug names, so the check-in reads its place by `_id`. */
export function passesRoutes(ctx: RouteContext, listed: ListedPlaces): Router {
  const router = Router();
  const passes = passesController(ctx);
  const checkIn = checkInController(ctx, listed);
  router.get('/me/pass', requireUser, passes.page);
  router.get('/api/v1/me/passes', requireUser, passes.json);
  router.get('/manage/check-in/:location', requireUser, checkIn.page);
  router.post('/manage/check-in/:location/verify', requireUser, checkIn.verify);
  router.post('/manage/check-in/:location/confirm', requireUser, checkIn.confirm);
  router.post('/api/v1/manage/check-in/:location/verify', requireUser, checkIn.verifyJson);
  router.post('/api/v1/manage/check-in/:location/confirm', requireUser, checkIn.confirmJson);
  return router;
}
