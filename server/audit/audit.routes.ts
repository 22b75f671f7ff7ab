// Reading the audit log: network admins their network's, instance admins all.
import { Router } from 'express';
import type { RouteContext } from '../app-context.js';

export function auditRoutes(_ctx: RouteContext): Router {
  const router = Router();
  return router;
}
