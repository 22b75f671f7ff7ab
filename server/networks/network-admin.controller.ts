// A network's admin pages: requests to join, members and their roles, invitation links.
import type { Request, Response } from 'express';
import type { RouteContext } from '../app-context.ts';
import type { NetworkLocations } from './network-locations.ts';
import { isUiLanguage } from '../shared/i18n/languages.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { parseInput } from '../shared/http/validate.ts';
import { assertAllowed, mayAdministerNetwork } from '../shared/principal.ts';
import { createInvitation, listInvitations, revokeInvitation } from './invitation.service.ts';
import {
  activeMembers,
  decideRequest,
  findMember,
  networkLocationOptions,
  pendingRequests,
  personById,
  removeMember,
  revokeMember,
  updateMember,
} from './membership.service.ts';
import { decisionMail, deliver, invitationMail } from './network.mail.ts';
import type { Network } from './network.model.ts';
import { describeRole, display } from './network.display.ts';
import {
  approveSchema,
  invitationIdParams,
  invitationSchema,
  INVITATION_DAYS_DEFAULT,
  membershipParams,
  memberUpdateSchema,
  networkParams,
} from './network.schemas.ts';
import { findNetworkBySlug, networkView } from './network.service.ts';

/** The network named in the URL, once the principal is known to administer it (401/403 otherwise). */
async function administeredNetwork(req: Request): Promise<Network> {
  const { slug } = parseInput(networkParams, req.params);
  const network = await findNetworkBySlug(slug);
  assertAllowed(req.principal, mayAdministerNetwork(req.principal, network._id));
  return network;
}

const adminPath = (network: Network, anchor = '') => `/networks/${network.slug}/admin${anchor}`;

async function renderDashboard(
  locations: NetworkLocations,
  req: Request,
  res: Response,
  network: Network,
  extras: { status?: number; invitationErrors?: FormErrors; invitationValues?: Record<string, unknown> } = {},
) {
  const [requests, members, invitations, locationOptions] = await Promise.all([
    pendingRequests(req.principal, network._id),
    activeMembers(req.principal, network._id, req.lang, locations),
    listInvitations(req.principal, network._id, req.lang, locations),
    networkLocationOptions(locations, network._id, req.lang),
  ]);
  res.status(extras.status ?? 200).render('networks/admin', {
    network: networkView(network, req.lang),
    display: display(req.lang),
    requests,
    members,
    invitations,
    locations: locationOptions,
    invitationErrors: extras.invitationErrors ?? NO_ERRORS,
    invitationValues: extras.invitationValues ?? {
      days: String(INVITATION_DAYS_DEFAULT),
      mailLanguage: isUiLanguage(network.language) ? network.language : req.lang,
    },
  });
}

async function renderMemberForm(
  locations: NetworkLocations,
  req: Request,
  res: Response,
  network: Network,
  membershipId: string,
  extras: { status?: number; errors?: FormErrors; values?: Record<string, unknown> } = {},
) {
  const member = await findMember(req.principal, network._id, membershipId, req.lang, locations);
  const values = extras.values ?? {
    category: member.category,
    categoryUntil: member.categoryUntil ?? '',
    networkAdmin: member.networkAdmin ? 'on' : '',
    managedLocations: member.managedLocations.map((l) => l.id),
  };
  const chosen = values.managedLocations;
  res.status(extras.status ?? 200).render('networks/member', {
    network: networkView(network, req.lang),
    member,
    locations: await networkLocationOptions(locations, network._id, req.lang),
    values: { ...values, managedLocations: Array.isArray(chosen) ? chosen : chosen ? [chosen] : [] },
    errors: extras.errors ?? NO_ERRORS,
    isSelf: member.userId === req.principal.userId,
  });
}

export function networkAdminController(ctx: RouteContext) {
  const decide = (approve: boolean) => async (req: Request, res: Response) => {
    const network = await administeredNetwork(req);
    const { membershipId } = parseInput(membershipParams, req.params);
    const decision = approve
      ? { approve: true as const, category: parseInput(approveSchema, req.body).category }
      : { approve: false as const };
    const { decided, userId } = await decideRequest(req.principal, network._id, membershipId, decision);
    if (!decided) {
      flash(req, 'networks:admin.alreadyDecided');
    } else {
      const person = userId ? await personById(userId) : undefined;
      if (person) await deliver(ctx, [decisionMail(ctx, network, person, approve)]);
      flash(req, approve ? 'networks:admin.approved' : 'networks:admin.rejected', { name: person?.name ?? '' });
    }
    res.redirect(303, adminPath(network, '#requests'));
  };

  return {
    dashboard: async (req: Request, res: Response): Promise<void> => {
      await renderDashboard(ctx.networkLocations, req, res, await administeredNetwork(req));
    },

    approve: decide(true),
    reject: decide(false),

    memberForm: async (req: Request, res: Response): Promise<void> => {
      const network = await administeredNetwork(req);
      const { membershipId } = parseInput(membershipParams, req.params);
      await renderMemberForm(ctx.networkLocations, req, res, network, membershipId);
    },

    memberUpdate: async (req: Request, res: Response): Promise<void> => {
      const network = await administeredNetwork(req);
      const { membershipId } = parseInput(membershipParams, req.params);
      await submitForm(
        req,
        async () => {
          const input = parseInput(memberUpdateSchema, req.body ?? {});
          await updateMember(req.principal, network._id, membershipId, input, ctx.networkLocations);
          flash(req, 'networks:admin.memberUpdated');
          res.redirect(303, adminPath(network, '#members'));
        },
        (status, errors) =>
          renderMemberForm(ctx.networkLocations, req, res, network, membershipId, {
            status,
            errors,
            values: req.body as Record<string, unknown>,
          }),
      );
    },

    remove: async (req: Request, res: Response): Promise<void> => {
      const network = await administeredNetwork(req);
      const { membershipId } = parseInput(membershipParams, req.params);
      await submitForm(
        req,
        async () => {
          await removeMember(req.principal, network._id, membershipId);
          flash(req, 'networks:admin.memberRemoved');
          res.redirect(303, adminPath(network, '#members'));
        },
        (status, errors) => renderMemberForm(ctx.networkLocations, req, res, network, membershipId, { status, errors }),
      );
    },

    revoke: async (req: Request, res: Response): Promise<void> => {
      const network = await administeredNetwork(req);
      const { membershipId } = parseInput(membershipParams, req.params);
      await submitForm(
        req,
        async () => {
          await revokeMember(req.principal, network._id, membershipId);
          flash(req, 'networks:admin.memberRevoked');
          res.redirect(303, adminPath(network, '#members'));
        },
        (status, errors) => renderMemberForm(ctx.networkLocations, req, res, network, membershipId, { status, errors }),
      );
    },

    createInvitation: async (req: Request, res: Response): Promise<void> => {
      const network = await administeredNetwork(req);
      await submitForm(
        req,
        async () => {
          const input = parseInput(invitationSchema, req.body ?? {});
          const { invitation, secret } = await createInvitation(req.principal, network, input, ctx.networkLocations);
          const link = `${ctx.config.baseUrl}/invitations/${secret}`;
          const grant = {
            category: invitation.category,
            networkAdmin: invitation.networkAdmin,
            managedCount: invitation.managedLocations.length,
          };
          if (invitation.email) {
            await deliver(ctx, [
              invitationMail(network, {
                email: invitation.email,
                lang: input.mailLanguage,
                link,
                expiresAt: invitation.expiresAt,
                inviter: req.principal.name ?? '',
                role: grant,
              }),
            ]);
          }
          // The secret exists only in this answer: nothing may keep a copy of the page.
          res.set('Cache-Control', 'no-store');
          res.status(201).render('networks/invitation-created', {
            network: networkView(network, req.lang),
            display: display(req.lang),
            link,
            role: describeRole(req.t, grant),
            invitation,
          });
        },
        (status, errors) =>
          renderDashboard(ctx.networkLocations, req, res, network, {
            status,
            invitationErrors: errors,
            invitationValues: req.body as Record<string, unknown>,
          }),
      );
    },

    revokeInvitation: async (req: Request, res: Response): Promise<void> => {
      const network = await administeredNetwork(req);
      const { invitationId } = parseInput(invitationIdParams, req.params);
      const revoked = await revokeInvitation(req.principal, network._id, invitationId);
      flash(req, revoked ? 'networks:admin.invitationRevoked' : 'networks:admin.invitationNotRevoked');
      res.redirect(303, adminPath(network, '#invitations'));
    },
  };
}
