// Invitation links: a network admin creates one (its secret shown once), lists and revokes them; a person accepts one once.
import type { Types } from 'mongoose';
import { recordAudit } from '../audit/index.ts';
import { claims } from '../shared/db/claims.ts';
import { hashSecret, newSecret } from '../shared/db/secret-token.ts';
import { fieldError } from '../shared/errors/app-error.ts';
import { assertAllowed, type Principal } from '../shared/principal.ts';
import { InvitationModel, type Invitation } from './invitation.model.ts';
import { canAcceptInvitation, invitationAddressee, networkInvitationsFilter } from './membership.policy.ts';
import { MembershipModel, type Membership } from './membership.model.ts';
import { allInNetwork, networkLocationOptions, type LocationOption } from './membership.service.ts';
import { NetworkModel, type Network } from './network.model.ts';
import type { NetworkLocations } from './network-locations.ts';
import type { InvitationInput } from './network.schemas.ts';

export type InvitationState = 'valid' | 'expired' | 'revoked' | 'used';

export interface InvitationRow {
  id: string;
  email?: string;
  category: string;
  networkAdmin: boolean;
  managedLocations: LocationOption[];
  createdAt: Date;
  expiresAt: Date;
  state: InvitationState;
}

const DAY_MS = 24 * 3600 * 1000;

export function invitationState(
  invitation: Pick<Invitation, 'usedAt' | 'revokedAt' | 'expiresAt'>,
  now: Date,
): InvitationState {
  if (invitation.usedAt) return 'used';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

function invitationsOf(p: Principal, networkId: Types.ObjectId) {
  const filter = networkInvitationsFilter(p, networkId);
  assertAllowed(p, filter !== undefined);
  return filter!;
}

/**
 * Creates a link; the secret is returned once and only its hash is kept. A place of another network is a 400 on the
 * managed locations field.
 */
export async function createInvitation(
  p: Principal,
  network: Network,
  input: InvitationInput,
  locations: NetworkLocations,
  now = new Date(),
): Promise<{ invitation: Invitation; secret: string }> {
  invitationsOf(p, network._id);
  if (!(await allInNetwork(locations, network._id, input.managedLocations))) {
    throw fieldError('managedLocations', 'networks:validation.foreignLocation');
  }
  const secret = newSecret();
  const created = await InvitationModel.create({
    network: network._id,
    tokenHash: hashSecret(secret),
    ...(input.email ? { email: input.email } : {}),
    category: input.category,
    networkAdmin: input.networkAdmin,
    managedLocations: input.managedLocations,
    createdBy: p.userId,
    expiresAt: new Date(now.getTime() + input.days * DAY_MS),
  });
  const invitation = created.toObject() as Invitation;
  await recordAudit(p, {
    action: 'invitation.create',
    entityType: 'invitation',
    entityId: invitation._id.toString(),
    networkId: network._id,
    after: invitation,
  });
  return { invitation, secret };
}

/** The network's most recent invitations, newest first, with what state each is in. */
export async function listInvitations(
  p: Principal,
  networkId: Types.ObjectId,
  lang: string,
  networkLocations: NetworkLocations,
  now = new Date(),
): Promise<InvitationRow[]> {
  const invitations = await InvitationModel.find(invitationsOf(p, networkId))
    .sort({ createdAt: -1 })
    .limit(100)
    .lean<Invitation[]>();
  const locations = new Map((await networkLocationOptions(networkLocations, networkId, lang)).map((l) => [l.id, l]));
  return invitations.map((i) => ({
    id: i._id.toString(),
    ...(i.email ? { email: i.email } : {}),
    category: i.category,
    networkAdmin: Boolean(i.networkAdmin),
    managedLocations: (i.managedLocations ?? []).flatMap((id) => locations.get(id.toString()) ?? []),
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    state: invitationState(i, now),
  }));
}

/**
 * A link ends once, used or revoked: both take this claim, so a revocation racing an acceptance (or another
 * revocation) leaves one of them done and one audit entry.
 */
const useOf = (invitationId: Types.ObjectId | string) => `invitation:${invitationId.toString()}:use`;

/** Revokes a link not yet used; false when it was used or revoked already (or is not this network's). */
export async function revokeInvitation(
  p: Principal,
  networkId: Types.ObjectId,
  invitationId: string,
  now = new Date(),
): Promise<boolean> {
  const filter = { ...invitationsOf(p, networkId), _id: invitationId, usedAt: null, revokedAt: null };
  const before = await InvitationModel.findOne(filter).lean<Invitation>();
  if (!before) return false;
  if (!(await claims.claim(useOf(before._id), { owner: p.userId }))) return false;
  await InvitationModel.updateOne({ _id: before._id }, { $set: { revokedAt: now } });
  await recordAudit(p, {
    action: 'invitation.revoke',
    entityType: 'invitation',
    entityId: invitationId,
    networkId,
    before,
    after: { ...before, revokedAt: now },
  });
  return true;
}

export interface FoundInvitation {
  invitation: Invitation;
  network: Network;
}

/** The invitation behind a link, and its network; undefined when the link is unknown. */
export async function findInvitation(token: string): Promise<FoundInvitation | undefined> {
  const invitation = await InvitationModel.findOne({ tokenHash: hashSecret(token) }).lean<Invitation>();
  if (!invitation) return undefined;
  const network = await NetworkModel.findById(invitation.network).lean<Network>();
  return network ? { invitation, network } : undefined;
}

/** Why a link cannot be used: gone (or never there) for everyone, or addressed to another account than the caller's. */
export type AcceptRefusal = Exclude<InvitationState, 'valid'> | 'unknown' | 'forAnotherAccount';

export type AcceptResult = { ok: true; network: Network; membership: Membership } | { ok: false; state: AcceptRefusal };

/**
 * Accepts a link: a link sent to an address is refused to any other account before anything is written, so a
 * forwarded link stays usable by its addressee. Then its use is claimed (so it is used once, even when fifty people
 * click at once), and the membership is created or raised to what the link offers; if that fails, the claim is
 * released so the link can be used again. A role the person already had is never lowered.
 */
export async function acceptInvitation(
  p: Principal,
  token: string,
  locations: NetworkLocations,
  now = new Date(),
): Promise<AcceptResult> {
  assertAllowed(p, canAcceptInvitation(p));
  const tokenHash = hashSecret(token);
  const found = await InvitationModel.findOne({ tokenHash }).lean<Invitation>();
  if (!found) return { ok: false, state: 'unknown' };
  const state = invitationState(found, now);
  if (state !== 'valid') return { ok: false, state };
  if (invitationAddressee(p, found) === 'otherAccount') return { ok: false, state: 'forAnotherAccount' };
  if (!(await claims.claim(useOf(found._id), { owner: p.userId }))) {
    // Taken by another acceptance or a revocation, whose fields may not be written yet.
    const current = await InvitationModel.findById(found._id).lean<Invitation>();
    const taken = current ? invitationState(current, now) : 'unknown';
    return { ok: false, state: taken === 'valid' ? 'used' : taken };
  }
  try {
    await InvitationModel.updateOne({ _id: found._id }, { $set: { usedAt: now, usedBy: p.userId } });
    const network = await NetworkModel.findById(found.network).lean<Network>();
    if (!network) return { ok: false, state: 'unknown' };
    const membership = await grantMembership(p, found, locations, now);
    await recordAudit(p, {
      action: 'invitation.accept',
      entityType: 'invitation',
      entityId: found._id.toString(),
      networkId: network._id,
      before: { usedAt: null, membership: membership.before },
      after: { usedAt: now, usedBy: p.userId, membership: membership.after },
    });
    return { ok: true, network, membership: membership.after };
  } catch (error) {
    // The membership could not be written: give the link back so it can be used again.
    await InvitationModel.updateOne({ _id: found._id, usedBy: p.userId }, { $unset: { usedAt: 1, usedBy: 1 } });
    await claims.release(useOf(found._id), p.userId);
    throw error;
  }
}

async function grantMembership(
  p: Principal,
  invitation: Invitation,
  locations: NetworkLocations,
  now: Date,
): Promise<{ before: Membership | null; after: Membership }> {
  // Locations moved to another network since the link was made are not granted.
  const offered = await locations.inNetwork(
    invitation.network.toString(),
    (invitation.managedLocations ?? []).map(String),
  );
  const before = await MembershipModel.findOne({ user: p.userId, network: invitation.network }).lean<Membership>();
  const wasActive = before?.status === 'active';
  const managed = new Set([...(wasActive ? (before.managedLocations ?? []).map(String) : []), ...offered]);
  const fields = {
    status: 'active' as const,
    category: invitation.category,
    networkAdmin: Boolean(invitation.networkAdmin) || (wasActive && Boolean(before.networkAdmin)),
    managedLocations: [...managed],
    decidedBy: invitation.createdBy,
    decidedAt: now,
  };
  const after = before
    ? await MembershipModel.findOneAndUpdate(
        { _id: before._id },
        { $set: fields },
        { returnDocument: 'after' },
      ).lean<Membership>()
    : ((
        await MembershipModel.create({ user: p.userId, network: invitation.network, ...fields })
      ).toObject() as Membership);
  if (!after) throw new Error('membership vanished while accepting an invitation');
  return { before, after };
}
