// The local outbox, readable by instance admins in development.
import { Router } from 'express';
import type { RouteContext } from '../app-context.js';
import { outboxController } from './outbox.controller.js';

export function outboxRoutes(ctx: RouteContext): Router {
  const router = Router();
  router.get('/admin/outbox', outboxController(ctx).list);
  return router;
}
