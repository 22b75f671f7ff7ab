// The download of everything stored about me, as one JSON document, gathered from every domain that keeps some.
import { listApiTokens, liveSessionCount } from '../auth/index.ts';
import { auditEntriesByActor } from '../audit/index.ts';
import { demandSignalsOf } from '../demand/index.ts';
import { locationRefsByIds } from '../locations/index.ts';
import { invitationsOfUser, membershipsOfUser } from '../networks/index.ts';
import { passesOfUser } from '../passes/index.ts';
import type { Principal } from '../shared/principal.ts';
import { liveUser, networksById, ownerId } from './account.service.ts';

/** The version of the download's shape; raise it when a field changes meaning or goes away. */
export const EXPORT_FORMAT = 'passerelle-my-data/1';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Everything stored about me, as one JSON document. Secrets (password hash, token and invitation hashes) are left out. */
export async function exportMyData(p: Principal): Promise<Record<string, unknown>> {
  const user = await liveUser(ownerId(p));
  const userId = user._id.toString();
  const [memberships, tokens, invitations, auditEntries, sessions, demandSignals, passes] = await Promise.all([
    membershipsOfUser(userId),
    listApiTokens(p),
    invitationsOfUser(userId),
    auditEntriesByActor(userId),
    liveSessionCount(userId),
    demandSignalsOf(userId),
    passesOfUser(userId),
  ]);
  const { created: invitationsCreated, used: invitationsUsed } = invitations;
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
    ...demandSignals.flatMap((d) => (d.location ? [d.location] : [])),
  ];
  const locations = await locationRefsByIds(locationIds);
  type Id = { toString(): string };
  const slugOfNetwork = (id: Id | null | undefined) => (id ? (networks.get(id.toString())?.slug ?? null) : null);
  const locationSlugs = new Map([...locations].map(([id, l]) => [id, l.slug]));
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
    interest: demandSignals.map((d) => ({
      location: d.location ? (locationSlugs.get(d.location.toString()) ?? null) : null,
      point: d.location ? null : { lat: d.lat, lng: d.lng },
      dayParts: d.dayParts,
      frequency: d.frequency,
      createdAt: iso(d.createdAt),
      updatedAt: iso(d.updatedAt),
    })),
    memberPasses: passes.map((pass) => ({ ...pass, createdAt: iso(pass.createdAt), expiresAt: iso(pass.expiresAt) })),
  };
}
