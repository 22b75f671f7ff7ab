// An invitation link: what it offers and to whom (and how to sign up or log in first), and accepting it.
import type { Request, Response } from 'express';
import { flash } from '../shared/http/flash.ts';
import { networkLocationOptions, ownMembership } from './membership.service.ts';
import { invitationTokenParams } from './network.schemas.ts';
import { describeRole, display, maskEmail } from './network.display.ts';
import {
  acceptInvitation,
  findInvitation,
  invitationState,
  type FoundInvitation,
  type InvitationState,
} from './invitation.service.ts';
import { invitationAddressee } from './membership.policy.ts';
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

/** What the page says of whom the link is for: the full address only to its owner, masked to anyone else. */
function addresseeView(req: Request, invitation: FoundInvitation['invitation']) {
  const addressee = invitationAddressee(req.principal, invitation);
  if (!invitation.email) return { addressee, addressedTo: undefined };
  return { addressee, addressedTo: addressee === 'addressee' ? invitation.email : maskEmail(invitation.email) };
}

export function invitationController(ctx: RouteContext) {
  /** The offer of a usable link; a 403 when an account it is not addressed to tried to accept it. */
  async function renderOffer(req: Request, res: Response, token: string, found: FoundInvitation, status = 200) {
    const { invitation, network } = found;
    const offered = new Set((invitation.managedLocations ?? []).map(String));
    const locations = (await networkLocationOptions(ctx.networkLocations, network._id, req.lang)).filter((l) =>
      offered.has(l.id),
    );
    const membership = await ownMembership(req.principal, network._id);
    const selfPath = `/invitations/${token}`;
    res.set('Cache-Control', 'no-store');
    res.status(status).render('networks/invitation', {
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
      ...addresseeView(req, invitation),
      locations,
      alreadyMember: membership?.status === 'active',
      selfPath,
      loginPath: `/login?next=${encodeURIComponent(selfPath)}`,
    });
  }

  return {
    show: async (req: Request, res: Response): Promise<void> => {
      const token = tokenOf(req);
      const found = token ? await findInvitation(token) : undefined;
      if (!token || !found) return renderUnusable(req, res, 'unknown');
      const state = invitationState(found.invitation, new Date());
      if (state !== 'valid') return renderUnusable(req, res, state);
      await renderOffer(req, res, token, found);
    },

    accept: async (req: Request, res: Response): Promise<void> => {
      const token = tokenOf(req);
      if (!token) return renderUnusable(req, res, 'unknown');
      const result = await acceptInvitation(req.principal, token, ctx.networkLocations);
      if (!result.ok) {
        const { state } = result;
        if (state !== 'forAnotherAccount') return renderUnusable(req, res, state);
        // The page itself says why, and offers to sign in with the address the link was sent to.
        const found = await findInvitation(token);
        return found ? renderOffer(req, res, token, found, 403) : renderUnusable(req, res, 'unknown');
      }
      flash(req, 'networks:invitation.accepted');
      res.redirect(303, `/networks/${result.network.slug}`);
    },
  };
}
