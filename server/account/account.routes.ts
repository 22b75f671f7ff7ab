// /me: profile, memberships, API tokens, data export, account deletion.
// (/me/profile and /me/password are the profile forms' own routes, in auth.routes.ts.)
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { requireUser } from '../shared/http/guards.ts';
import { accountController } from './account.controller.ts';

export function accountRoutes(ctx: RouteContext): Router {
  const router = Router();
  const me = accountController(ctx);
  router.get('/me', requireUser, me.page);
  router.get('/api/v1/me', requireUser, me.json);
  router.post('/me/tokens', requireUser, me.createToken);
  router.post('/me/tokens/:id/revoke', requireUser, me.revokeToken);
  router.get('/me/export.json', requireUser, me.exportJson);
  router.get('/me/delete', requireUser, me.deleteForm);
  router.post('/me/delete', requireUser, me.deleteSubmit);
  return router;
}
