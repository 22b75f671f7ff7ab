// The local outbox, readable by instance admins in development.
import { Router } from 'express';
import type { RouteContext } from '../app-context.js';

export function outboxRoutes(_ctx: RouteContext): Router {
  const router = Router();
  return router;
}
