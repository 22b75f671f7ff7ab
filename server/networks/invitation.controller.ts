// An invitation link: what it offers (and how to sign up or log in first), and accepting it.
import type { Request, Response } from 'express';
import { flash } from '../shared/http/flash.ts';
import { networkLocationOptions, ownMembership } from './membership.service.ts';
import { invitationTokenParams } from './network.schemas.ts';
import { describeRole, display } from './network.display.ts';
import { acceptInvitation, findInvitation, invitationState, type InvitationState } from './invitation.service.ts';
import { networkView } from './network.service.ts';
import type { RouteContext } from '../app-context.ts';

/** The token from the URL, or undefined when it cannot be one (treated as an unknown link). */
function tokenOf(req: Request): string | undefined {
  const parsed = invitationTokenParams.safeParse(req.params);
  return parsed.success ? parsed.data.token : undefined;
}

/** Expired, revoked and used links are gone (410); a link that never existed is not found (404). */
function renderUnusable(req: Request, res: Response, state: Exclude<InvitationState, 'valid'> | 'unknown') {
  res.set('Cache-Control', 'no-store');
  res.status(state === 'unknown' ? 404 : 410).render('networks/invitation-unusable', { state });
}

export function invitationController(ctx: RouteContext) {
  return {
    show: async (req: Request, res: Response): Promise<void> => {
      const token = tokenOf(req);
      const found = token ? await findInvitation(token) : undefined;
      if (!token || !found) return renderUnusable(req, res, 'unknown');
      const { invitation, network } = found;
      const state = invitationState(invitation, new Date());
      if (state !== 'valid') return renderUnusable(req, res, state);
      const offered = new Set((invitation.managedLocations ?? []).map(String));
      const locations = (await networkLocationOptions(ctx.networkLocations, network._id, req.lang)).filter((l) =>
        offered.has(l.id),
      );
      const membership = await ownMembership(req.principal, network._id);
      res.set('Cache-Control', 'no-store');
      res.render('networks/invitation', {
        network: networkView(network, req.lang),
        display: display(req.lang),
        role: describeRole(req.t, {
          category: invitation.category,
          networkAdmin: invitation.networkAdmin,
          managedCount: locations.length,
        }),
        invitation: {
          category: invitation.category,
          networkAdmin: Boolean(invitation.networkAdmin),
          expiresAt: invitation.expiresAt,
        },
        locations,
        alreadyMember: membership?.status === 'active',
        selfPath: `/invitations/${token}`,
      });
    },

    accept: async (req: Request, res: Response): Promise<void> => {
      const token = tokenOf(req);
      if (!token) return renderUnusable(req, res, 'unknown');
      const result = await acceptInvitation(req.principal, token, ctx.networkLocations);
      if (!result.ok) return renderUnusable(req, res, result.state);
      flash(req, 'networks:invitation.accepted');
      res.redirect(303, `/networks/${result.network.slug}`);
    },
  };
}
