// The people and data of the authorisation tests: two Belgian locations and a Dutch one, the seven principals of the
// matrix, their API tokens, and the targets of the admin routes (a request to join, a member, invitations, a reset).
import { BSON } from 'mongodb';
import mongoose, { type Types } from 'mongoose';
import { API_TOKEN_PREFIX, ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { PasswordResetModel } from '../../server/auth/password-reset.model.ts';
import { PeerModel } from '../../server/federation/peer.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { InvitationModel } from '../../server/networks/invitation.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { hashSecret, newSecret } from '../../server/shared/db/secret-token.ts';
import { clearDatabase, VOLATILE_COLLECTIONS } from './database.ts';
import { createNetworks, insertPlaces, realPlace } from './fixtures.ts';
import { createPerson, TEST_PASSWORD } from './people.ts';
import type { TestApp } from './test-app.ts';
import { TestClient } from './test-client.ts';

export const PRINCIPALS = [
  'anonymous',
  'member',
  'managerOther',
  'manager',
  'adminOther',
  'networkAdmin',
  'instanceAdmin',
] as const;
export type Who = (typeof PRINCIPALS)[number];
export type SignedIn = Exclude<Who, 'anonymous'>;

/** How a principal is named in a test title. */
export const DESCRIBED: Record<Who, string> = {
  anonymous: 'an anonymous visitor',
  member: 'a member of network A without roles',
  managerOther: 'the manager of another location (A2)',
  manager: 'the manager of location A1',
  adminOther: 'the admin of another network (B)',
  networkAdmin: 'the admin of network A',
  instanceAdmin: 'an instance admin',
};

export interface Person {
  id: Types.ObjectId;
  email: string;
}

export interface World {
  /** A = smart-be, B = dorpshuizen-drenthe, C = anct-tiers-lieux-2019 (which nobody belongs to). */
  networks: { A: Types.ObjectId; B: Types.ObjectId; C: Types.ObjectId };
  slugs: { A: string; B: string; C: string; a1: string; a2: string; b1: string };
  locations: { a1: Types.ObjectId; a2: Types.ObjectId; b1: Types.ObjectId };
  people: Record<SignedIn, Person>;
  /** Each signed-in principal's personal API token. */
  tokens: Record<SignedIn, string>;
  tokenIds: Record<SignedIn, Types.ObjectId>;
  targets: {
    /** Rui asked to join A and waits. */
    requester: Person & { membershipId: Types.ObjectId };
    /** Tom is a plain active member of A. */
    member: Person & { membershipId: Types.ObjectId };
    /** Tara belongs to no network: whose password is reset, who logs in, whose roles change. */
    tara: Person;
    /** An open invitation to A as manager of A2, and its secret. */
    invitation: { id: Types.ObjectId; token: string };
    /** Another open invitation of A, for revoking. */
    invitationToRevoke: { id: Types.ObjectId };
    /** An invitation to A sent to Mia's address (written as typed, not as her account stores it), and its secret. */
    addressedInvitation: { id: Types.ObjectId; token: string };
    /** An open password reset link of Tara. */
    resetToken: string;
    /** A peer instance waiting for approval (federation). */
    peer: { id: Types.ObjectId };
  };
}

const HOUR_MS = 3600 * 1000;

async function membershipOf(user: Types.ObjectId, network: Types.ObjectId): Promise<Types.ObjectId> {
  const membership = await MembershipModel.findOne({ user, network }).select('_id').lean();
  if (!membership) throw new Error('membership not created');
  return membership._id;
}

/** A personal API token of the person, stored as /me would store it; the secret is what a script sends. */
export async function createApiToken(
  user: Types.ObjectId,
  name: string,
): Promise<{ token: string; id: Types.ObjectId }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const record = await ApiTokenModel.create({
    user,
    name,
    tokenHash: hashSecret(token),
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 8),
  });
  return { token, id: record._id };
}

/** A peer as adding it stores it, waiting for approval (its address answers nothing: it is never fetched). */
async function pendingPeer(): Promise<Types.ObjectId> {
  const base = 'https://peer.passerelle.invalid';
  const peer = await PeerModel.create({
    baseUrl: base,
    name: 'Smart FR',
    softwareName: 'Passerelle',
    softwareVersion: '0.1.0',
    protocolVersion: 1,
    feeds: { locations: `${base}/federation/v1/feeds/locations` },
    jwksUrl: `${base}/.well-known/jwks.json`,
    languages: ['fr'],
    keys: [],
  });
  return peer._id;
}

/** Empties the database and builds the world afresh. */
export async function buildWorld(): Promise<World> {
  await clearDatabase();
  const ids = await createNetworks();
  const A = ids.get('smart-be')!;
  const B = ids.get('dorpshuizen-drenthe')!;
  const C = ids.get('anct-tiers-lieux-2019')!;
  const slugs = {
    A: 'smart-be',
    B: 'dorpshuizen-drenthe',
    C: 'anct-tiers-lieux-2019',
    a1: 'lavallee-bruxelles',
    a2: 'brussels-art-factory-bruxelles',
    b1: 'over-entinghe-dwingeloo',
  };
  await insertPlaces(realPlace(ids, slugs.a1), realPlace(ids, slugs.a2), realPlace(ids, slugs.b1));
  const byslug = new Map((await LocationModel.find().select('slug').lean()).map((l) => [l.slug, l._id]));
  const locations = { a1: byslug.get(slugs.a1)!, a2: byslug.get(slugs.a2)!, b1: byslug.get(slugs.b1)! };

  const people: Record<SignedIn, Person> = {
    member: await createPerson({ name: 'Mia Member', email: 'mia@example.org', memberships: [{ network: A }] }),
    managerOther: await createPerson({
      name: 'Otto Other',
      email: 'otto@example.org',
      memberships: [{ network: A, managedLocations: [locations.a2] }],
    }),
    manager: await createPerson({
      name: 'Léa Manager',
      email: 'lea@example.org',
      memberships: [{ network: A, managedLocations: [locations.a1] }],
    }),
    adminOther: await createPerson({
      name: 'Bram Beheerder',
      email: 'bram@example.org',
      memberships: [{ network: B, networkAdmin: true }],
    }),
    networkAdmin: await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: A, networkAdmin: true }],
    }),
    instanceAdmin: await createPerson({ name: 'Ines Instance', email: 'ines@example.org', instanceAdmin: true }),
  };
  // A second instance admin, so that the first may delete her account (the last one may not).
  await createPerson({ name: 'Ivo Backup', email: 'ivo@example.org', instanceAdmin: true });

  const tokens = {} as Record<SignedIn, string>;
  const tokenIds = {} as Record<SignedIn, Types.ObjectId>;
  for (const [who, person] of Object.entries(people) as [SignedIn, Person][]) {
    ({ token: tokens[who], id: tokenIds[who] } = await createApiToken(person.id, `${who} script`));
  }

  const rui = await createPerson({
    name: 'Rui Request',
    email: 'rui@example.org',
    memberships: [{ network: A, status: 'pending' }],
  });
  const tom = await createPerson({ name: 'Tom Target', email: 'tom@example.org', memberships: [{ network: A }] });
  const tara = await createPerson({ name: 'Tara Target', email: 'tara@example.org' });

  const invitationToken = newSecret();
  const expiresAt = new Date(Date.now() + 7 * 24 * HOUR_MS);
  const invitation = await InvitationModel.create({
    network: A,
    tokenHash: hashSecret(invitationToken),
    category: 'member',
    managedLocations: [locations.a2],
    createdBy: people.networkAdmin.id,
    expiresAt,
  });
  const toRevoke = await InvitationModel.create({
    network: A,
    tokenHash: hashSecret(newSecret()),
    email: 'someone@example.org',
    category: 'member',
    createdBy: people.networkAdmin.id,
    expiresAt,
  });
  const addressedToken = newSecret();
  const addressed = await InvitationModel.create({
    network: A,
    tokenHash: hashSecret(addressedToken),
    email: ' Mia@Example.org',
    category: 'member',
    createdBy: people.networkAdmin.id,
    expiresAt,
  });
  const resetToken = newSecret();
  await PasswordResetModel.create({
    user: tara.id,
    tokenHash: hashSecret(resetToken),
    expiresAt: new Date(Date.now() + HOUR_MS),
  });

  return {
    networks: { A, B, C },
    slugs,
    locations,
    people,
    tokens,
    tokenIds,
    targets: {
      requester: { ...rui, membershipId: await membershipOf(rui.id, A) },
      member: { ...tom, membershipId: await membershipOf(tom.id, A) },
      tara,
      invitation: { id: invitation._id, token: invitationToken },
      invitationToRevoke: { id: toRevoke._id },
      addressedInvitation: { id: addressed._id, token: addressedToken },
      resetToken,
      peer: { id: await pendingPeer() },
    },
  };
}

/** A client for the principal: signed in with a session, or anonymous with a session of its own (for CSRF). */
export async function clientFor(app: TestApp, world: World, who: Who): Promise<TestClient> {
  const client = new TestClient(app);
  if (who !== 'anonymous') await client.login(world.people[who].email, TEST_PASSWORD);
  return client;
}

/**
 * Everything stored, collection by collection, as extended JSON; what a refused request may not change. A token's
 * `lastUsedAt` (and the `updatedAt` it moves) is left out: using a token is recorded even when what it was used for
 * is refused.
 */
export async function snapshot(): Promise<Record<string, string[]>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const result: Record<string, string[]> = {};
  for (const collection of await db.collections()) {
    if (VOLATILE_COLLECTIONS.has(collection.collectionName)) continue;
    const docs = await collection.find({}).sort({ _id: 1 }).toArray();
    if (collection.collectionName === 'apitokens') {
      for (const doc of docs) {
        delete doc.lastUsedAt;
        delete doc.updatedAt;
      }
    }
    result[collection.collectionName] = docs.map((doc) => BSON.EJSON.stringify(doc, { relaxed: false }));
  }
  return result;
}

/** What differs between two snapshots, collection by collection (empty when nothing changed). */
export function differences(before: Record<string, string[]>, after: Record<string, string[]>): string[] {
  const changes: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[name] ?? []);
    const is = new Set(after[name] ?? []);
    const added = [...is].filter((doc) => !was.has(doc));
    const removed = [...was].filter((doc) => !is.has(doc));
    for (const doc of removed) changes.push(`${name}: - ${doc.slice(0, 300)}`);
    for (const doc of added) changes.push(`${name}: + ${doc.slice(0, 300)}`);
  }
  return changes;
}
