// Networks: admin creation, network pages, joining, invitations, members and roles.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { invitationController } from './invitation.controller.ts';
import { networkAdminController } from './network-admin.controller.ts';
import { networkController } from './network.controller.ts';

export function networkRoutes(ctx: RouteContext): Router {
  const router = Router();
  const network = networkController(ctx);
  const admin = networkAdminController(ctx);
  const invitation = invitationController(ctx);

  router.get('/networks', network.list);
  router.get('/api/v1/networks', network.listJson);
  router.get('/api/v1/networks/:slug', network.pageJson);
  router.get('/networks/:slug', network.page);
  router.post('/networks/:slug/join', network.join);

  router.get('/admin/networks/new', network.newForm);
  router.post('/admin/networks/new', network.create);
  router.get('/networks/:slug/admin/edit', network.editForm);
  router.post('/networks/:slug/admin/edit', network.update);

  router.get('/networks/:slug/admin', admin.dashboard);
  router.post('/networks/:slug/admin/members/:membershipId/approve', admin.approve);
  router.post('/networks/:slug/admin/members/:membershipId/reject', admin.reject);
  router.post('/networks/:slug/admin/members/:membershipId/remove', admin.remove);
  router.post('/networks/:slug/admin/members/:membershipId/revoke', admin.revoke);
  router.get('/networks/:slug/admin/members/:membershipId', admin.memberForm);
  router.post('/networks/:slug/admin/members/:membershipId', admin.memberUpdate);
  router.post('/networks/:slug/admin/invitations', admin.createInvitation);
  router.post('/networks/:slug/admin/invitations/:invitationId/revoke', admin.revokeInvitation);

  router.get('/invitations/:token', invitation.show);
  router.post('/invitations/:token/accept', invitation.accept);
  return router;
}
