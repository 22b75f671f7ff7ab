// Sign up, log in, log out, password reset and change.
import { Router } from 'express';
import type { RouteContext } from '../app-context.js';

export function authRoutes(_ctx: RouteContext): Router {
  const router = Router();
  return router;
}
