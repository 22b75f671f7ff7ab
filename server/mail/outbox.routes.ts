// The local outbox, readable by instance admins in development.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { outboxController } from './outbox.controller.ts';

export function outboxRoutes(ctx: RouteContext): Router {
  const router = Router();
  router.get('/admin/outbox', outboxController(ctx).list);
  return router;
}
