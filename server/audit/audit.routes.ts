// Reading the audit log: network admins their network's, instance admins all.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { auditController } from './audit.controller.ts';

export function auditRoutes(_ctx: RouteContext): Router {
  const router = Router();
  router.get('/admin/audit', auditController.instance);
  router.get('/networks/:slug/audit', auditController.network);
  router.get('/api/v1/audit', auditController.api);
  return router;
}
