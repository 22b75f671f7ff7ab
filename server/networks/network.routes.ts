// Networks: admin creation, network pages, joining, invitations, members and roles.
import { Router } from 'express';
import type { RouteContext } from '../app-context.js';

export function networkRoutes(_ctx: RouteContext): Router {
  const router = Router();
  return router;
}
