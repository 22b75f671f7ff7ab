// Who may see and change a network's memberships and invitations: filters for reads, checks for writes.
import type { QueryFilter, Types } from 'mongoose';
import { normaliseEmail } from '../auth/index.ts';
import type { Principal } from '../shared/principal.ts';
import type { Invitation } from './invitation.model.ts';
import type { Membership } from './membership.model.ts';
import { canAdministerNetwork } from './network.policy.ts';

/** The memberships of one network a principal may read, as a filter; undefined when they may read none. */
export function networkMembershipsFilter(p: Principal, networkId: Types.ObjectId): QueryFilter<Membership> | undefined {
  return canAdministerNetwork(p, networkId) ? { network: networkId } : undefined;
}

/** The invitations of one network a principal may read, as a filter; undefined when they may read none. */
export function networkInvitationsFilter(p: Principal, networkId: Types.ObjectId): QueryFilter<Invitation> | undefined {
  return canAdministerNetwork(p, networkId) ? { network: networkId } : undefined;
}

/** Editing a network's name, description, links and logo: its admins and instance admins. */
export const canEditNetwork = canAdministerNetwork;

/**
 * A network that has admins keeps at least one: only an instance admin (who can always step in) may take away the
 * last network admin.
 */
export const canLeaveNetworkWithoutAdmin = (p: Principal): boolean => p.instanceAdmin;

/** Accepting an invitation needs an account to attach the membership to. */
export const canAcceptInvitation = (p: Principal): boolean => p.kind === 'user';

/**
 * Whom a link is for, as seen by this principal. `open`: anyone who holds it. An addressed link is for the account
 * with that address only (`addressee`), so a forwarded link cannot be used by whoever it reached (`otherAccount`);
 * `signedOut`: addressed, and nobody signed in yet. Addresses are compared as accounts store them.
 */
export type InvitationAddressee = 'open' | 'signedOut' | 'addressee' | 'otherAccount';

export function invitationAddressee(p: Principal, invitation: Pick<Invitation, 'email'>): InvitationAddressee {
  if (!invitation.email) return 'open';
  if (p.kind !== 'user') return 'signedOut';
  return p.email !== undefined && normaliseEmail(p.email) === normaliseEmail(invitation.email)
    ? 'addressee'
    : 'otherAccount';
}
