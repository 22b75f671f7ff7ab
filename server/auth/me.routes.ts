// /me: profile, memberships, API tokens, data export, account deletion.
import { Router } from 'express';
import type { RouteContext } from '../app-context.js';

export function meRoutes(_ctx: RouteContext): Router {
  const router = Router();
  return router;
}
