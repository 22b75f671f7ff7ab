// Access between networks: the matrix, agreements and their steps, and the prices of a place for its viewer.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import type { ListedPlaces } from '../locations/index.ts';
import { requireUser } from '../shared/http/guards.ts';
import { agreementController } from './agreement.controller.ts';
import type { MonthlyUse } from './monthly-use.ts';
import { pricesController } from './prices.controller.ts';

export function accessRoutes(ctx: RouteContext, listed: ListedPlaces, use: MonthlyUse): Router {
  const router = Router();
  const agreements = agreementController(ctx.networkLocations);
  const prices = pricesController(listed, use);

  router.get('/api/v1/locations/:slug/prices', prices.json);

  router.get('/agreements', agreements.matrix);
  router.get('/api/v1/agreements', agreements.matrixJson);
  router.get('/agreements/new', requireUser, agreements.newForm);
  router.post('/agreements/new', requireUser, agreements.create);
  router.post('/api/v1/agreements', requireUser, agreements.createJson);
  router.get('/agreements/:id', agreements.page);
  router.get('/api/v1/agreements/:id', agreements.json);
  router.get('/agreements/:id/counter', requireUser, agreements.counterForm);
  router.post('/agreements/:id/counter', requireUser, agreements.counter);
  router.post('/agreements/:id/accept', requireUser, agreements.accept);
  router.post('/agreements/:id/decline', requireUser, agreements.decline);
  router.post('/agreements/:id/suspend', requireUser, agreements.suspend);
  router.post('/agreements/:id/resume', requireUser, agreements.resume);
  router.post('/agreements/:id/end', requireUser, agreements.end);
  router.post('/api/v1/agreements/:id/accept', requireUser, agreements.acceptJson);
  router.post('/api/v1/agreements/:id/decline', requireUser, agreements.declineJson);
  router.post('/api/v1/agreements/:id/suspend', requireUser, agreements.suspendJson);
  router.post('/api/v1/agreements/:id/resume', requireUser, agreements.resumeJson);
  router.post('/api/v1/agreements/:id/end', requireUser, agreements.endJson);
  router.post('/api/v1/agreements/:id/counter', requireUser, agreements.counterJson);
  return router;
}
