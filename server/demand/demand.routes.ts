// Routes of "I would work here" and of the demand it adds up to.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { RouteContext } from '../app-context.ts';
import { forbidden } from '../shared/errors/app-error.ts';
import { requireUser } from '../shared/http/guards.ts';
import { demandController } from './demand.controller.ts';
import { mayCountAnyDemand } from './demand.policy.ts';
import type { DemandService } from './demand.service.ts';

const requireDemandReader = (req: Request, _res: Response, next: NextFunction): void => {
  next(mayCountAnyDemand(req.principal) ? undefined : forbidden());
};

export function demandRoutes(ctx: RouteContext, demand: DemandService): Router {
  const router = Router();
  const c = demandController(demand, ctx.listedPlaces);
  router.get('/locations/:slug/interest', requireUser, c.locationForm);
  router.post('/locations/:slug/interest', requireUser, c.locationSubmit);
  router.get('/interest/new', requireUser, c.pointForm);
  router.post('/interest', requireUser, c.pointSubmit);
  router.post('/interest/withdraw', requireUser, c.withdraw);
  router.get('/me/interest', requireUser, c.mine);
  router.get('/interest/map', requireUser, requireDemandReader, c.demandMap);
  router.put('/api/v1/locations/:slug/interest', requireUser, c.apiSay);
  router.delete('/api/v1/locations/:slug/interest', requireUser, c.apiWithdraw);
  router.get('/api/v1/me/interest', requireUser, c.apiMine);
  router.get('/api/v1/demand', requireUser, requireDemandReader, c.apiLayer);
  return router;
}
