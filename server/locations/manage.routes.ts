// Managing locations: /manage pages and the JSON write API.
import { Router } from 'express';
import type { RouteContext } from '../app-context.js';

export function manageRoutes(_ctx: RouteContext): Router {
  const router = Router();
  return router;
}
