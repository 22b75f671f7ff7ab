// /admin: the instance administration landing page and user roles (instance admins only).
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { adminController } from './admin.controller.ts';

export function adminRoutes(ctx: RouteContext): Router {
  const router = Router();
  const admin = adminController(ctx);
  router.get('/admin', admin.landing);
  router.get('/admin/users', admin.users);
  router.post('/admin/users/:id/roles', admin.roles);
  return router;
}
