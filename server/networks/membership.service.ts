// Memberships: asking to join, and a network admin's decisions on requests, categories, roles and removals — audited.
import type { Types } from 'mongoose';
import { recordAudit } from '../audit/index.ts';
import { peopleByIds, type PersonRef } from '../auth/index.ts';
import { pickText, type ContentText } from '../shared/i18n/content-text.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import { claims } from '../shared/db/claims.ts';
import { consume } from '../shared/http/rate-limit.ts';
import { fieldError, notFound } from '../shared/errors/app-error.ts';
import { assertAllowed, type Principal } from '../shared/principal.ts';
import { canLeaveNetworkWithoutAdmin, networkMembershipsFilter } from './membership.policy.ts';
import { MembershipModel, type Membership } from './membership.model.ts';
import type { NetworkLocations } from './network-locations.ts';
import type { Network } from './network.model.ts';
import { canAskToJoin } from './network.policy.ts';
import type { MemberUpdate } from './network.schemas.ts';

export type Category = Membership['category'];

export type { PersonRef };

export interface RequestRow extends PersonRef {
  id: string;
  memberNumber?: string;
  askedAt: Date;
}

export interface LocationOption {
  id: string;
  slug: string;
  name: ContentText;
  status: string;
}

export interface MemberRow extends PersonRef {
  id: string;
  category: Category;
  categoryUntil?: string;
  networkAdmin: boolean;
  memberNumber?: string;
  managedLocations: LocationOption[];
}

const JOIN_WINDOW_MS = 24 * 3600 * 1000;

/** The filter of a network's memberships for this principal, or a 401/403 when they may not read them. */
function membershipsOf(p: Principal, networkId: Types.ObjectId) {
  const filter = networkMembershipsFilter(p, networkId);
  assertAllowed(p, filter !== undefined);
  return filter!;
}

/** The signed-in person's own membership of a network, whatever its status. */
export async function ownMembership(p: Principal, networkId: Types.ObjectId): Promise<Membership | null> {
  if (p.kind !== 'user') return null;
  return MembershipModel.findOne({ user: p.userId, network: networkId }).lean<Membership>();
}

/** A second request while one is pending, or once a member, changes nothing: a 409 saying which. */
const alreadyAsked = (status: 'pending' | 'active') =>
  fieldError('_', status === 'active' ? 'networks:join.alreadyMember' : 'networks:join.alreadyPending', 409);

/** The claim that lets a request be decided once: one per time it was asked. */
const decisionOf = (m: Membership) =>
  `membership:${m._id.toString()}:decision:${(m.requestedAt ?? m.createdAt).getTime()}`;

/** Asks to join: a new pending request, or a declined one asked again (once per decline, by unique key). */
export async function askToJoin(p: Principal, network: Network, memberNumber: string | undefined): Promise<void> {
  assertAllowed(p, canAskToJoin(p));
  await consume([{ key: `network-join:${p.userId}`, max: 10, windowMs: JOIN_WINDOW_MS }]);
  const existing = await ownMembership(p, network._id);
  // A revoked member may ask again, as a declined one may: an admin decides afresh.
  if (existing && (existing.status === 'pending' || existing.status === 'active')) throw alreadyAsked(existing.status);
  const requestedAt = new Date();
  let after: Membership;
  if (existing) {
    const askedAgain = `membership:${existing._id.toString()}:asked-after:${existing.decidedAt?.getTime() ?? 0}`;
    if (!(await claims.claim(askedAgain, { owner: p.userId }))) throw alreadyAsked('pending');
    const updated = await MembershipModel.findOneAndUpdate(
      { _id: existing._id },
      {
        $set: { status: 'pending', requestedAt, ...(memberNumber ? { memberNumber } : {}) },
        $unset: { decidedBy: 1, decidedAt: 1, passSubject: 1, ...(memberNumber ? {} : { memberNumber: 1 }) },
      },
      { returnDocument: 'after' },
    ).lean<Membership>();
    if (!updated) return askToJoin(p, network, memberNumber); // removed meanwhile: ask afresh
    after = updated;
  } else {
    try {
      const created = await MembershipModel.create({
        user: p.userId,
        network: network._id,
        status: 'pending',
        requestedAt,
        ...(memberNumber ? { memberNumber } : {}),
      });
      after = created.toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const raced = await ownMembership(p, network._id);
      throw alreadyAsked(raced?.status === 'active' ? 'active' : 'pending');
    }
  }
  await recordAudit(p, {
    action: 'membership.request',
    entityType: 'membership',
    entityId: after._id.toString(),
    networkId: network._id,
    before: existing ?? undefined,
    after,
  });
}

/** The network's locations for choosing whom a member manages (every status: drafts need managers too). */
export async function networkLocationOptions(
  locations: NetworkLocations,
  networkId: Types.ObjectId,
  lang: string,
): Promise<LocationOption[]> {
  const collator = new Intl.Collator(lang);
  return (await locations.of(networkId.toString()))
    .map((l) => ({
      id: l.id,
      slug: l.slug,
      name: pickText(l.name, l.language, lang) ?? { text: l.slug, lang: l.language, fallback: true },
      status: l.status,
    }))
    .sort((a, b) => collator.compare(a.name.text, b.name.text));
}

export async function pendingRequests(p: Principal, networkId: Types.ObjectId): Promise<RequestRow[]> {
  const requests = await MembershipModel.find({ ...membershipsOf(p, networkId), status: 'pending' })
    .sort({ createdAt: 1 })
    .lean<Membership[]>();
  const byId = await peopleByIds(requests.map((r) => r.user));
  return requests.flatMap((r) => {
    const person = byId.get(r.user.toString());
    if (!person) return [];
    return [
      {
        ...person,
        id: r._id.toString(),
        ...(r.memberNumber ? { memberNumber: r.memberNumber } : {}),
        askedAt: r.createdAt,
      },
    ];
  });
}

export async function activeMembers(
  p: Principal,
  networkId: Types.ObjectId,
  lang: string,
  networkLocations: NetworkLocations,
): Promise<MemberRow[]> {
  const members = await MembershipModel.find({ ...membershipsOf(p, networkId), status: 'active' }).lean<Membership[]>();
  const byId = await peopleByIds(members.map((m) => m.user));
  const locations = new Map((await networkLocationOptions(networkLocations, networkId, lang)).map((l) => [l.id, l]));
  const collator = new Intl.Collator(lang);
  return members
    .flatMap((m) => {
      const person = byId.get(m.user.toString());
      if (!person) return [];
      return [
        {
          ...person,
          id: m._id.toString(),
          category: m.category,
          ...(m.categoryUntil ? { categoryUntil: m.categoryUntil } : {}),
          networkAdmin: Boolean(m.networkAdmin),
          ...(m.memberNumber ? { memberNumber: m.memberNumber } : {}),
          managedLocations: (m.managedLocations ?? []).flatMap((id) => locations.get(id.toString()) ?? []),
        },
      ];
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}

export async function findMember(
  p: Principal,
  networkId: Types.ObjectId,
  membershipId: string,
  lang: string,
  networkLocations: NetworkLocations,
) {
  const member = (await activeMembers(p, networkId, lang, networkLocations)).find((m) => m.id === membershipId);
  if (!member) throw notFound();
  return member;
}

/**
 * Approves or declines a pending request; false when it was decided meanwhile (or is not this network's). The
 * decision is claimed by unique key first, so an approval and a rejection racing give one decision and one mail.
 */
export async function decideRequest(
  p: Principal,
  networkId: Types.ObjectId,
  membershipId: string,
  decision: { approve: true; category: Category } | { approve: false },
): Promise<{ decided: boolean; userId?: string }> {
  const filter = { ...membershipsOf(p, networkId), _id: membershipId, status: 'pending' as const };
  const before = await MembershipModel.findOne(filter).lean<Membership>();
  if (!before) return { decided: false };
  if (!(await claims.claim(decisionOf(before), { owner: p.userId }))) return { decided: false };
  const fields = {
    status: decision.approve ? ('active' as const) : ('rejected' as const),
    ...(decision.approve ? { category: decision.category } : {}),
    decidedBy: p.userId,
    decidedAt: new Date(),
  };
  const after = await MembershipModel.findOneAndUpdate(
    { _id: before._id },
    { $set: fields },
    { returnDocument: 'after' },
  ).lean<Membership>();
  if (!after) return { decided: false }; // removed meanwhile
  await recordAudit(p, {
    action: decision.approve ? 'membership.approve' : 'membership.reject',
    entityType: 'membership',
    entityId: membershipId,
    networkId,
    before,
    after,
  });
  return { decided: true, userId: after.user.toString() };
}

/** A network keeps at least one admin: said on the network admin field, which is what would change it. */
const lastAdmin = () => fieldError('networkAdmin', 'networks:validation.lastAdmin');

/**
 * Runs a change that may take an admin away with the network's admins held, so that two admins demoting each other at
 * once are counted one after the other: the second finds itself the last.
 */
function changingAdmins<T>(networkId: Types.ObjectId, work: () => Promise<T>): Promise<T> {
  return claims.hold(`network:${networkId.toString()}:admins`, work);
}

/** True when taking away this admin would leave the network with none, and the principal may not do that. */
async function lastAdminBlocks(p: Principal, membership: Membership): Promise<boolean> {
  if (!membership.networkAdmin || canLeaveNetworkWithoutAdmin(p)) return false;
  const others = await MembershipModel.countDocuments({
    network: membership.network,
    status: 'active',
    networkAdmin: true,
    _id: { $ne: membership._id },
  });
  return others === 0;
}

/** Only locations of this network may be managed through its memberships; the query checks it. */
export async function allInNetwork(
  locations: NetworkLocations,
  networkId: Types.ObjectId,
  locationIds: string[],
): Promise<boolean> {
  if (locationIds.length === 0) return true;
  const found = await locations.inNetwork(networkId.toString(), locationIds);
  return new Set(found).size === new Set(locationIds).size;
}

export async function updateMember(
  p: Principal,
  networkId: Types.ObjectId,
  membershipId: string,
  input: MemberUpdate,
  locations: NetworkLocations,
): Promise<Membership> {
  const filter = { ...membershipsOf(p, networkId), _id: membershipId, status: 'active' as const };
  const before = await MembershipModel.findOne(filter).lean<Membership>();
  if (!before) throw notFound();
  if (!(await allInNetwork(locations, networkId, input.managedLocations))) {
    throw fieldError('managedLocations', 'networks:validation.foreignLocation');
  }
  // A plain member's category is where an ended category falls back to: it has no end of its own.
  const until = input.category === 'member' ? undefined : input.categoryUntil;
  const write = async () => {
    if (!input.networkAdmin && (await lastAdminBlocks(p, before))) throw lastAdmin();
    return MembershipModel.findOneAndUpdate(
      filter,
      {
        $set: {
          category: input.category,
          networkAdmin: input.networkAdmin,
          managedLocations: input.managedLocations,
          ...(until ? { categoryUntil: until } : {}),
        },
        ...(until ? {} : { $unset: { categoryUntil: 1 } }),
      },
      { returnDocument: 'after', runValidators: true },
    ).lean<Membership>();
  };
  const after = before.networkAdmin && !input.networkAdmin ? await changingAdmins(networkId, write) : await write();
  if (!after) throw notFound();
  await recordAudit(p, {
    action: 'membership.update',
    entityType: 'membership',
    entityId: membershipId,
    networkId,
    before,
    after,
  });
  return after;
}

export async function removeMember(p: Principal, networkId: Types.ObjectId, membershipId: string): Promise<Membership> {
  const filter = { ...membershipsOf(p, networkId), _id: membershipId };
  const before = await MembershipModel.findOne(filter).lean<Membership>();
  if (!before) throw notFound();
  const remove = async () => {
    if (before.status === 'active' && (await lastAdminBlocks(p, before))) throw lastAdmin();
    await MembershipModel.deleteOne(filter);
  };
  await (before.networkAdmin ? changingAdmins(networkId, remove) : remove());
  await recordAudit(p, {
    action: 'membership.remove',
    entityType: 'membership',
    entityId: membershipId,
    networkId,
    before,
  });
  return before;
}

/**
 * Revokes an active membership: it is no longer active (no roles, no access), and the passes made for it are refused
 * at the next check-in, since they name a pass subject it no longer has. The record stays, so the person may ask
 * again and an admin decides afresh. Revoking twice sets the same fields: the last writer may win.
 */
export async function revokeMember(p: Principal, networkId: Types.ObjectId, membershipId: string): Promise<Membership> {
  const filter = { ...membershipsOf(p, networkId), _id: membershipId, status: 'active' as const };
  const before = await MembershipModel.findOne(filter).lean<Membership>();
  if (!before) throw notFound();
  const revoke = async () => {
    if (await lastAdminBlocks(p, before)) throw lastAdmin();
    return MembershipModel.findOneAndUpdate(
      { _id: before._id },
      {
        $set: {
          status: 'revoked',
          networkAdmin: false,
          managedLocations: [],
          decidedBy: p.userId,
          decidedAt: new Date(),
        },
        $unset: { passSubject: 1 },
      },
      { returnDocument: 'after' },
    ).lean<Membership>();
  };
  const after = await (before.networkAdmin ? changingAdmins(networkId, revoke) : revoke());
  if (!after) throw notFound();
  await recordAudit(p, {
    action: 'membership.revoke',
    entityType: 'membership',
    entityId: membershipId,
    networkId,
    before,
    after,
  });
  return after;
}

/** Who hears of a new request: the network's active admins. */
export async function networkAdminsOf(networkId: Types.ObjectId): Promise<PersonRef[]> {
  const admins = await MembershipModel.find({ network: networkId, status: 'active', networkAdmin: true })
    .select('user')
    .lean();
  return [...(await peopleByIds(admins.map((a) => a.user))).values()];
}

export async function personById(userId: string): Promise<PersonRef | undefined> {
  return (await peopleByIds([userId])).get(userId);
}
