// My data: what /me shows, the download of everything stored about me, and deleting my account (anonymised, not removed).
import mongoose from 'mongoose';
import { AuditModel, recordAudit } from '../audit/index.js';
import { pickText, type ContentText } from '../shared/i18n/content-text.js';
import type { LanguageMap } from '../shared/db/language-map.js';
import { LocationModel } from '../locations/index.js';
import { InvitationModel, MembershipModel, NetworkModel } from '../networks/index.js';
import { unauthorized } from '../shared/errors/app-error.js';
import type { Principal } from '../shared/principal.js';
import { listApiTokens, revokeAllApiTokensOf, type ApiTokenSummary } from './api-token.service.js';
import { verifyPassword } from './password.js';
import { destroySessionsOf, SessionModel } from './session-store.js';
import { UserModel } from './user.model.js';

/** The version of the download's shape; raise it when a field changes meaning or goes away. */
export const EXPORT_FORMAT = 'passerelle-my-data/1';

export interface MyMembership {
  network: { slug: string; name?: ContentText };
  status: string;
  category: string;
  memberNumber?: string;
  networkAdmin: boolean;
  locations: { slug: string; name?: ContentText; status: string }[];
}

export interface MyAccount {
  id: string;
  name: string;
  email: string;
  preferredLanguage: string;
  pseudonym: string;
  instanceAdmin: boolean;
  analyst: boolean;
  createdAt?: Date;
  memberships: MyMembership[];
  tokens: ApiTokenSummary[];
}

function ownerId(p: Principal): string {
  if (p.kind !== 'user' || !p.userId) throw unauthorized();
  return p.userId;
}

async function liveUser(userId: string) {
  const user = await UserModel.findOne({ _id: userId, deletedAt: null }).lean();
  if (!user) throw unauthorized();
  return user;
}

async function networksById(ids: unknown[]) {
  if (ids.length === 0) return new Map<string, { slug: string; language: string; name: LanguageMap }>();
  const networks = await NetworkModel.find({ _id: { $in: ids } })
    .select('slug language name')
    .lean();
  return new Map(
    networks.map((n) => [n._id.toString(), { slug: n.slug, language: n.language, name: n.name as LanguageMap }]),
  );
}

/** What /me shows: the account, every membership with the locations it manages, the API tokens. */
export async function myAccount(p: Principal, lang: string): Promise<MyAccount> {
  const user = await liveUser(ownerId(p));
  const memberships = await MembershipModel.find({ user: user._id }).sort({ createdAt: 1, _id: 1 }).lean();
  const networks = await networksById(memberships.map((m) => m.network));
  const locationIds = memberships.flatMap((m) => m.managedLocations ?? []);
  const locations = locationIds.length
    ? await LocationModel.find({ _id: { $in: locationIds } })
        .select('slug language name status')
        .lean()
    : [];
  const locationById = new Map(locations.map((l) => [l._id.toString(), l]));
  return {
    id: user._id.toString(),
    name: user.name,
    email: user.email,
    preferredLanguage: user.preferredLanguage ?? 'en',
    pseudonym: user.pseudonym,
    instanceAdmin: Boolean(user.instanceAdmin),
    analyst: Boolean(user.analyst),
    createdAt: user.createdAt ?? undefined,
    memberships: memberships.map((m) => {
      const network = networks.get(m.network.toString());
      return {
        network: {
          slug: network?.slug ?? '',
          name: network ? pickText(network.name, network.language, lang) : undefined,
        },
        status: m.status,
        category: m.category,
        memberNumber: m.memberNumber ?? undefined,
        networkAdmin: Boolean(m.networkAdmin),
        locations: (m.managedLocations ?? []).flatMap((id) => {
          const l = locationById.get(id.toString());
          return l ? [{ slug: l.slug, name: pickText(l.name as LanguageMap, l.language, lang), status: l.status }] : [];
        }),
      };
    }),
    tokens: await listApiTokens(p),
  };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Everything stored about me, as one JSON document. Secrets (password hash, token and invitation hashes) are left out. */
export async function exportMyData(p: Principal): Promise<Record<string, unknown>> {
  const user = await liveUser(ownerId(p));
  const [memberships, tokens, invitationsCreated, invitationsUsed, auditEntries, sessions] = await Promise.all([
    MembershipModel.find({ user: user._id }).sort({ createdAt: 1, _id: 1 }).lean(),
    listApiTokens(p),
    InvitationModel.find({ createdBy: user._id }).select('-tokenHash').sort({ createdAt: 1, _id: 1 }).lean(),
    InvitationModel.find({ usedBy: user._id }).select('-tokenHash').sort({ createdAt: 1, _id: 1 }).lean(),
    AuditModel.find({ actor: user._id }).sort({ at: 1, _id: 1 }).lean(),
    SessionModel.countDocuments({ userId: user._id.toString(), expiresAt: { $gt: new Date() } }),
  ]);
  const networks = await networksById([
    ...memberships.map((m) => m.network),
    ...invitationsCreated.map((i) => i.network),
    ...invitationsUsed.map((i) => i.network),
    ...auditEntries.flatMap((e) => (e.network ? [e.network] : [])),
  ]);
  const locationIds = [
    ...memberships.flatMap((m) => m.managedLocations ?? []),
    ...invitationsCreated.flatMap((i) => i.managedLocations ?? []),
    ...invitationsUsed.flatMap((i) => i.managedLocations ?? []),
  ];
  const locations = locationIds.length
    ? await LocationModel.find({ _id: { $in: locationIds } })
        .select('slug')
        .lean()
    : [];
  type Id = { toString(): string };
  const slugOfNetwork = (id: Id | null | undefined) => (id ? (networks.get(id.toString())?.slug ?? null) : null);
  const locationSlugs = new Map(locations.map((l) => [l._id.toString(), l.slug]));
  const slugsOfLocations = (ids: Id[] | undefined) =>
    (ids ?? []).flatMap((id) => locationSlugs.get(id.toString()) ?? []);
  const invitation = (i: (typeof invitationsCreated)[number]) => ({
    id: i._id.toString(),
    network: slugOfNetwork(i.network),
    email: i.email ?? null,
    category: i.category,
    networkAdmin: Boolean(i.networkAdmin),
    managedLocations: slugsOfLocations(i.managedLocations),
    createdAt: iso(i.createdAt),
    expiresAt: iso(i.expiresAt),
    usedAt: iso(i.usedAt),
    revokedAt: iso(i.revokedAt),
  });
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    account: {
      id: user._id.toString(),
      email: user.email,
      name: user.name,
      preferredLanguage: user.preferredLanguage,
      pseudonym: user.pseudonym,
      instanceAdmin: Boolean(user.instanceAdmin),
      analyst: Boolean(user.analyst),
      createdAt: iso(user.createdAt),
      updatedAt: iso(user.updatedAt),
    },
    memberships: memberships.map((m) => ({
      network: slugOfNetwork(m.network),
      status: m.status,
      category: m.category,
      memberNumber: m.memberNumber ?? null,
      networkAdmin: Boolean(m.networkAdmin),
      managedLocations: slugsOfLocations(m.managedLocations),
      decidedAt: iso(m.decidedAt),
      createdAt: iso(m.createdAt),
    })),
    apiTokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: iso(t.createdAt),
      lastUsedAt: iso(t.lastUsedAt),
      revokedAt: iso(t.revokedAt),
    })),
    invitations: { created: invitationsCreated.map(invitation), used: invitationsUsed.map(invitation) },
    auditEntries: auditEntries.map((e) => ({
      id: e._id.toString(),
      at: iso(e.at),
      via: e.via,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      network: slugOfNetwork(e.network),
      before: (e.before as unknown) ?? {},
      after: (e.after as unknown) ?? {},
    })),
    sessions: { count: sessions },
  };
}

export type DeleteOutcome = 'deleted' | 'wrongPassword' | 'lastInstanceAdmin';

/** Password-reset records belong to another module that may not exist; removed when its model is registered. */
async function deletePasswordResetsOf(userId: string): Promise<void> {
  const name = mongoose.modelNames().find((n) => /^passwordreset/i.test(n));
  if (!name) return;
  const model = mongoose.model(name);
  const field = ['user', 'userId'].find((path) => model.schema.path(path));
  if (field) await model.deleteMany({ [field]: userId });
}

/**
 * Deletes my account. The user record stays, anonymised, so that audit entries keep an actor shown by a pseudonym;
 * memberships go, tokens are revoked, every session ends. The last instance admin cannot leave the instance ownerless.
 */
export async function deleteMyAccount(p: Principal, password: string): Promise<DeleteOutcome> {
  const user = await liveUser(ownerId(p));
  if (!(await verifyPassword(password, user.passwordHash))) return 'wrongPassword';
  if (user.instanceAdmin) {
    const otherAdmins = await UserModel.countDocuments({
      _id: { $ne: user._id },
      instanceAdmin: true,
      deletedAt: null,
    });
    if (otherAdmins === 0) return 'lastInstanceAdmin';
  }
  const userId = user._id.toString();
  const now = new Date();
  // Anonymised first and in one write: from here on nobody can sign in as this person, whatever happens next.
  const anonymised = await UserModel.updateOne(
    { _id: user._id, deletedAt: null },
    {
      $set: {
        email: `deleted-${userId}@invalid`,
        name: user.pseudonym,
        deletedAt: now,
        instanceAdmin: false,
        analyst: false,
      },
      $unset: { passwordHash: 1 },
    },
  );
  if (anonymised.modifiedCount === 0) throw unauthorized();

  const tokensRevoked = await revokeAllApiTokensOf(userId, now);
  const memberships = await MembershipModel.find({ user: user._id }).lean();
  await MembershipModel.deleteMany({ user: user._id });
  // Each network's admins see in their own log that this member left.
  for (const m of memberships) {
    await recordAudit(p, {
      action: 'membership.delete',
      entityType: 'membership',
      entityId: m._id.toString(),
      networkId: m.network,
      before: { status: m.status, category: m.category, networkAdmin: Boolean(m.networkAdmin) },
      after: {},
    });
  }
  await deletePasswordResetsOf(userId);
  // Entries about the account itself (sign-up, profile changes) named the person; their name and address go too.
  await AuditModel.updateMany(
    { entityType: 'user', entityId: userId },
    { $unset: { 'before.name': 1, 'before.email': 1, 'after.name': 1, 'after.email': 1 } },
  );
  await destroySessionsOf(userId);
  await recordAudit(p, {
    action: 'user.delete',
    entityType: 'user',
    entityId: userId,
    before: { deletedAt: null },
    after: { deletedAt: now, membershipsRemoved: memberships.length, tokensRevoked },
  });
  return 'deleted';
}
