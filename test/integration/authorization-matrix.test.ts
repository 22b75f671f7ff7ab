// The authorisation matrix: every write route of the app (found by walking its router), sent by each of seven
// principals with a valid request, is either allowed (and does what it says) or refused with nothing changed; and
// sent with each one's personal API token, which carries the owner's rights on the API and is refused elsewhere.
import { expect } from 'chai';
import { ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { PasswordResetModel } from '../../server/auth/password-reset.model.ts';
import { PeerModel, type Peer } from '../../server/federation/peer.model.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { DemandSignalModel } from '../../server/demand/demand.model.ts';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { InvitationModel } from '../../server/networks/invitation.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { NetworkModel, type Network } from '../../server/networks/network.model.ts';
import { networkFormValues } from '../../server/networks/network.schemas.ts';
import { buildApp } from '../../server/app.ts';
import { ImportJobModel } from '../../server/opendata/import-job.model.ts';
import { loadPrincipal } from '../../server/networks/index.ts';
import { myPasses } from '../../server/passes/pass.service.ts';
import { UsageEventModel } from '../../server/passes/usage-event.model.ts';
import { afternoonZone } from '../support/daytime-zone.ts';
import { writeRoutes } from '../support/app-routes.ts';
import {
  buildWorld,
  clientFor,
  DESCRIBED,
  differences,
  PRINCIPALS,
  snapshot,
  type SignedIn,
  type Who,
  type World,
} from '../support/authorization-world.ts';
import { photoForm, testImage } from '../support/images.ts';
import { localeText } from '../support/locale-text.ts';
import { NEW_SMART_PLACE, locationFormFields, storedLocationForm, type FormFields } from '../support/location-form.ts';
import { TEST_PASSWORD } from '../support/people.ts';
import { testLogger } from '../support/root-hooks.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';
import { AgreementModel, type Agreement } from '../../server/access/agreement.model.ts';
import { grantFields, insertAgreement } from '../support/agreements.ts';
import { CalendarFeedModel } from '../../server/programmes/calendar-feed.model.ts';
import { EventModel } from '../../server/programmes/event.model.ts';
import { RegistrationModel } from '../../server/programmes/registration.model.ts';
import {
  MATRIX_CAFE,
  matrixCafe,
  registrationOf,
  registrationStatus,
  visitorLink,
} from '../support/programme-world.ts';
import { startFakePeer, type FakePeer } from '../support/fake-peer.ts';

/**
 * allowed: 2xx/3xx (not to the login form) and the effect happened. refused: 401 for anonymous, 403/404 for anyone
 * signed in, and nothing stored changed. redirected: a 3xx that changed nothing (a form meant for someone else).
 * ignored: answered without a 5xx, with nothing changed (e.g. a request that names another network's records).
 * tokenRefused: a 403 saying that API tokens only work on the API, with nothing changed.
 */
type Outcome = 'allowed' | 'refused' | 'redirected' | 'ignored' | 'tokenRefused';

/**
 * session: a signed-in browser (with its CSRF token). token: the principal's Bearer token alone, as a script sends
 * it. session+token: the browser, CSRF token included, also sending the token: were the token ignored in favour of
 * the session, the request would pass.
 */
type Via = 'session' | 'token' | 'session+token';

interface Sent {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  form?: FormFields;
  json?: unknown;
  /** A file upload, sent as the browser sends it: multipart, its CSRF token in the URL. */
  multipart?: () => FormData;
}

interface Sending {
  world: World;
  who: Who;
}

interface Answer extends Sending {
  res: Response;
  body: string;
  client: TestClient;
}

interface Variant {
  /** What differs from the route's usual request, for the test's name. */
  label: string;
  who: SignedIn;
  via?: Via;
  request?: (s: Sending) => Sent | Promise<Sent>;
  effect?: (a: Answer) => Promise<unknown>;
  expect: Outcome;
}

interface RouteSpec {
  request: (s: Sending) => Sent | Promise<Sent>;
  /** Asserts what an allowed request did. */
  effect: (a: Answer) => Promise<unknown>;
  /** By session; with a Bearer token the outcomes are the same on the API, and `tokenRefused` everywhere else. */
  expect: Record<Who, Outcome>;
  variants?: Variant[];
}

const everyone = (outcome: Outcome = 'allowed'): Record<Who, Outcome> =>
  Object.fromEntries(PRINCIPALS.map((who) => [who, outcome])) as Record<Who, Outcome>;

const signedIn = (): Record<Who, Outcome> => ({ ...everyone(), anonymous: 'refused' });

const only = (...allowed: Who[]): Record<Who, Outcome> =>
  Object.fromEntries(PRINCIPALS.map((who) => [who, allowed.includes(who) ? 'allowed' : 'refused'])) as Record<
    Who,
    Outcome
  >;

const MANAGERS_AND_ADMINS: Who[] = ['managerOther', 'manager', 'adminOther', 'networkAdmin', 'instanceAdmin'];
const A1_EDITORS: Who[] = ['manager', 'networkAdmin', 'instanceAdmin'];
const A_ADMINS: Who[] = ['networkAdmin', 'instanceAdmin'];

/** The signed-in person's own id (the principal sending the request). */
const own = ({ world, who }: Sending) => {
  if (who === 'anonymous') throw new Error('anonymous has no account');
  return world.people[who].id;
};

const post = (path: string, form: FormFields = {}): Sent => ({ method: 'POST', path, form });

const a1 = (world: World) => LocationModel.findById(world.locations.a1).lean<Location>().orFail();

async function a1EditForm(world: World, changes: FormFields = {}): Promise<Sent> {
  const fields = storedLocationForm(await a1(world), world.slugs.A);
  return post(`/manage/locations/${world.slugs.a1}/edit`, { ...fields, 'name.fr': 'LaVallée (rénovée)', ...changes });
}

async function networkForm(world: World, slug: string): Promise<FormFields> {
  const network = await NetworkModel.findOne({ slug }).lean<Network>().orFail();
  return { ...networkFormValues(network), name_fr: 'Smart Belgique (nouveau nom)' };
}

const invitationForm = (world: World, managed = world.locations.a1): FormFields => ({
  mailLanguage: 'en',
  category: 'member',
  days: '7',
  managedLocations: managed.toString(),
});

async function signedInAs(client: TestClient): Promise<string | undefined> {
  const res = await client.get('/api/v1/me');
  if (res.status !== 200) return undefined;
  return ((await res.json()) as { email: string }).email;
}

const newPassword = 'a brand new passphrase';

/** A stand-in peer on loopback, for adding a peer by its address. */
let fakePeer: FakePeer | undefined;
const worldPeer = (world: World) => PeerModel.findById(world.targets.peer.id).lean<Peer>().orFail();

let jpeg: Promise<Buffer> | undefined;
const a1Photos = (world: World) => `/manage/locations/${world.slugs.a1}/photos`;

/** Two photos on a1 (ids only: the files do not matter to who may change them), unless it has them already. */
async function twoPhotosOnA1(world: World): Promise<string[]> {
  const ids = ['1'.repeat(32), '2'.repeat(32)];
  const location = await a1(world);
  if ((location.photos ?? []).map((p) => p.id).join() !== ids.join()) {
    const photos = ids.map((id) => ({
      id,
      width: 400,
      height: 300,
      widths: [320, 400],
      alt: { [location.language]: 'Salle' },
    }));
    await LocationModel.updateOne({ _id: world.locations.a1 }, { $set: { photos } });
  }
  return ids;
}

/** The app under test (started in the suite's `before`). */
let app: TestApp;

/** A place's page and its interest forms need the directory to list it: a world built a moment ago may not be yet. */
const listedNow = () => app.directory.follower.poll();

/**
 * "I would work here" at a1, said by the sender (by Tara for someone anonymous, so that there is something their
 * refused withdrawal could remove); answers its place key.
 */
async function interestAtA1({ world, who }: Sending): Promise<string> {
  const user = who === 'anonymous' ? world.targets.tara.id : world.people[who].id;
  const place = `location:${world.locations.a1.toString()}`;
  const a1Place = await a1(world);
  await listedNow();
  await DemandSignalModel.updateOne(
    { _id: `${user.toString()}/${place}` },
    {
      $setOnInsert: { user, place, location: world.locations.a1, network: a1Place.network },
      $set: { lat: a1Place.coordinates.lat, lng: a1Place.coordinates.lng, dayParts: ['morning'], frequency: 'weekly' },
    },
    { upsert: true },
  );
  return place;
}

const interestForm = { dayParts: ['morning', 'evening'], frequency: 'weekly' };
const IMPORT_CSV = 'ID,Name,Town,Lat,Lng\n1,Espace Test,Namur,50.46,4.86\n';
const IMPORT_OSM = JSON.stringify({
  elements: [
    {
      type: 'node',
      id: 1,
      lat: 50.46,
      lon: 4.86,
      tags: { amenity: 'coworking_space', name: 'Test', 'addr:city': 'Namur' },
    },
  ],
});

/** The app's address, which a member pass names as its issuer (set once the app has started). */
let issuer = '';

/**
 * Tom's member pass (network A), as his /me/pass shows it; and A1's clock put in the afternoon, so that a check-in
 * falls in a day-part whenever the suite runs.
 */
async function tomsPassAtA1(world: World): Promise<string> {
  await LocationModel.updateOne({ _id: world.locations.a1 }, { $set: { timeZone: afternoonZone() } });
  const tom = await loadPrincipal(world.targets.member.id.toString(), 'session');
  const [pass] = await myPasses(tom!, issuer, 'en');
  return pass!.code;
}

/** The matrix: every write route of the app, keyed as the router names it. */
/** The agreement routes: a proposal from A to C, and steps on agreements between A and B made for each case. */
function agreementSpecs(): Record<string, RouteSpec> {
  const BOTH: Who[] = ['networkAdmin', 'adminOther', 'instanceAdmin'];
  const B_SIDE: Who[] = ['adminOther', 'instanceAdmin'];
  const agreementOf = async (id: string) => AgreementModel.findById(id).lean<Agreement>().orFail();
  const lastId = async () => (await AgreementModel.findOne().sort({ createdAt: -1 }).lean<Agreement>().orFail())._id;
  const proposalToC = ({ world }: Sending) => ({
    from: world.slugs.A,
    partner: world.slugs.C,
    grants: { [world.slugs.A]: grantFields() },
  });
  const madeProposal = async ({ world }: Answer) =>
    expect(await AgreementModel.countDocuments({ networks: { $all: [world.networks.A, world.networks.C] } })).to.equal(
      1,
    );
  /** A route on an agreement in `status` between A (proposer) and B, made for the case. */
  const onAgreement = (
    status: 'proposed' | 'active' | 'suspended',
    send: (id: string, world: World) => Sent,
  ): RouteSpec['request'] => {
    return async ({ world }) => {
      const id = await insertAgreement(world.networks.A, world.networks.B, world.people.networkAdmin.id, status);
      return send(id.toString(), world);
    };
  };
  const becomes = (status: string) => async () =>
    expect((await agreementOf((await lastId()).toString())).status).to.equal(status);
  const steps = {
    accept: { from: 'proposed', to: 'active', who: B_SIDE },
    decline: { from: 'proposed', to: 'declined', who: B_SIDE },
    suspend: { from: 'active', to: 'suspended', who: BOTH },
    resume: { from: 'suspended', to: 'active', who: BOTH },
    end: { from: 'active', to: 'ended', who: BOTH },
  } as const;
  const specs: Record<string, RouteSpec> = {
    'POST /agreements/new': {
      request: (s) => {
        const input = proposalToC(s);
        const g = grantFields();
        const p = `grants.${input.from}.`;
        return post('/agreements/new', {
          from: input.from,
          partner: input.partner,
          [`${p}offered`]: 'on',
          [`${p}categories`]: g.categories,
          [`${p}level`]: g.level,
          [`${p}monthlyQuota`]: String(g.monthlyQuota),
          [`${p}scope`]: 'all',
          [`${p}validFrom`]: g.validFrom,
        });
      },
      effect: madeProposal,
      expect: only('networkAdmin', 'instanceAdmin'),
    },
    'POST /api/v1/agreements': {
      request: (s) => ({ method: 'POST', path: '/api/v1/agreements', json: proposalToC(s) }),
      effect: madeProposal,
      expect: only('networkAdmin', 'instanceAdmin'),
    },
    'POST /agreements/:id/counter': {
      request: onAgreement('proposed', (id, world) =>
        post(`/agreements/${id}/counter`, {
          version: '1',
          [`grants.${world.slugs.B}.offered`]: 'on',
          [`grants.${world.slugs.B}.categories`]: ['member'],
          [`grants.${world.slugs.B}.level`]: 'public-rate',
          [`grants.${world.slugs.B}.scope`]: 'all',
          [`grants.${world.slugs.B}.validFrom`]: '2026-02-01',
        }),
      ),
      effect: async () => expect((await agreementOf((await lastId()).toString())).versions).to.have.length(2),
      expect: only(...B_SIDE),
    },
    'POST /api/v1/agreements/:id/counter': {
      request: onAgreement('proposed', (id, world) => ({
        method: 'POST',
        path: `/api/v1/agreements/${id}/counter`,
        json: { version: 1, grants: { [world.slugs.B]: grantFields({ level: 'public-rate' }) } },
      })),
      effect: async () => expect((await agreementOf((await lastId()).toString())).versions).to.have.length(2),
      expect: only(...B_SIDE),
    },
  };
  for (const [action, step] of Object.entries(steps)) {
    specs[`POST /agreements/:id/${action}`] = {
      request: onAgreement(step.from, (id) => post(`/agreements/${id}/${action}`, { version: '1' })),
      effect: becomes(step.to),
      expect: only(...step.who),
    };
    specs[`POST /api/v1/agreements/:id/${action}`] = {
      request: onAgreement(step.from, (id) => ({
        method: 'POST',
        path: `/api/v1/agreements/${id}/${action}`,
        json: { version: 1 },
      })),
      effect: becomes(step.to),
      expect: only(...step.who),
    };
  }
  return specs;
}

const MATRIX: Record<string, RouteSpec> = {
  'POST /login': {
    request: ({ world }) => post('/login', { email: world.targets.tara.email, password: TEST_PASSWORD }),
    effect: async ({ world, client }) => expect(await signedInAs(client)).to.equal(world.targets.tara.email),
    expect: everyone(),
  },
  'POST /logout': {
    request: () => post('/logout'),
    effect: async ({ client }) => expect(await signedInAs(client)).to.equal(undefined),
    expect: everyone(),
  },
  'POST /signup': {
    request: () =>
      post('/signup', {
        name: 'Sam Nouveau',
        email: 'sam@example.org',
        password: newPassword,
        passwordConfirm: newPassword,
        preferredLanguage: 'fr',
      }),
    effect: async ({ client }) => {
      expect(await UserModel.countDocuments({ email: 'sam@example.org' })).to.equal(1);
      expect(await signedInAs(client)).to.equal('sam@example.org');
    },
    // Someone signed in is sent on, not given a second account.
    expect: { ...everyone('redirected'), anonymous: 'allowed' },
  },
  'POST /password/forgot': {
    request: ({ world }) => post('/password/forgot', { email: world.targets.tara.email }),
    effect: async ({ world }) => {
      // The link is made in the background, so that known addresses do not answer slower.
      const deadline = Date.now() + 3000;
      while ((await PasswordResetModel.countDocuments({ user: world.targets.tara.id })) < 2) {
        if (Date.now() > deadline) throw new Error('no new reset link for Tara');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    expect: everyone(),
  },
  'POST /password/reset/:token': {
    request: ({ world }) =>
      post(`/password/reset/${world.targets.resetToken}`, { password: newPassword, passwordConfirm: newPassword }),
    effect: async ({ world }) => {
      const tara = await UserModel.findById(world.targets.tara.id).lean().orFail();
      const ines = await UserModel.findById(world.people.instanceAdmin.id).lean().orFail();
      expect(tara.passwordHash, 'a new password hash').to.not.equal(ines.passwordHash);
    },
    // The link is the proof: whoever holds it sets Tara's password.
    expect: everyone(),
  },
  'POST /me/profile': {
    request: () => post('/me/profile', { name: 'Renamed Person', preferredLanguage: 'nl' }),
    effect: async (a) => {
      const user = await UserModel.findById(own(a)).lean().orFail();
      expect([user.name, user.preferredLanguage]).to.deep.equal(['Renamed Person', 'nl']);
    },
    expect: signedIn(),
  },
  'POST /me/password': {
    request: () =>
      post('/me/password', { currentPassword: TEST_PASSWORD, password: newPassword, passwordConfirm: newPassword }),
    effect: async (a) => {
      const user = await UserModel.findById(own(a)).lean().orFail();
      const tara = await UserModel.findById(a.world.targets.tara.id).lean().orFail();
      expect(user.passwordHash, 'a new password hash').to.not.equal(tara.passwordHash);
    },
    expect: signedIn(),
  },
  'POST /me/tokens': {
    request: () => post('/me/tokens', { name: 'my listings script' }),
    effect: async (a) => {
      expect(await ApiTokenModel.countDocuments({ user: own(a), name: 'my listings script' })).to.equal(1);
    },
    // Tokens are for people who script listings: managers and admins.
    expect: only(...MANAGERS_AND_ADMINS),
  },
  'POST /me/tokens/:id/revoke': {
    // Always the manager's token: revoking one's own is the owner's right, anyone else's is refused.
    request: ({ world }) => post(`/me/tokens/${world.tokenIds.manager.toString()}/revoke`),
    effect: async ({ world }) => {
      const token = await ApiTokenModel.findById(world.tokenIds.manager).lean().orFail();
      expect(token.revokedAt).to.be.instanceOf(Date);
    },
    expect: only('manager'),
  },
  'POST /me/delete': {
    request: () => post('/me/delete', { password: TEST_PASSWORD }),
    effect: async (a) => {
      const user = await UserModel.findById(own(a)).lean().orFail();
      expect(user.deletedAt).to.be.instanceOf(Date);
    },
    expect: signedIn(),
  },
  'POST /networks/:slug/join': {
    // Network C, which none of them belongs to.
    request: ({ world }) => post(`/networks/${world.slugs.C}/join`, { memberNumber: 'C-0042' }),
    effect: async (a) => {
      const membership = await MembershipModel.findOne({ user: own(a), network: a.world.networks.C }).lean();
      expect(membership?.status).to.equal('pending');
    },
    expect: signedIn(),
  },
  'POST /admin/networks/new': {
    request: () =>
      post('/admin/networks/new', {
        language: 'fr',
        slug: 'tiers-lieux-occitanie',
        name_fr: 'Tiers-lieux d’Occitanie',
        countryCode: 'FR',
      }),
    effect: async () => expect(await NetworkModel.countDocuments({ slug: 'tiers-lieux-occitanie' })).to.equal(1),
    expect: only('instanceAdmin'),
  },
  'POST /networks/:slug/admin/edit': {
    request: async ({ world }) =>
      post(`/networks/${world.slugs.A}/admin/edit`, await networkForm(world, world.slugs.A)),
    effect: async ({ world }) => {
      const network = await NetworkModel.findById(world.networks.A).lean<Network>().orFail();
      expect(network.name.fr).to.equal('Smart Belgique (nouveau nom)');
    },
    expect: only(...A_ADMINS),
  },
  'POST /networks/:slug/admin/members/:membershipId/approve': {
    request: ({ world }) =>
      post(`/networks/${world.slugs.A}/admin/members/${world.targets.requester.membershipId.toString()}/approve`, {
        category: 'member',
      }),
    effect: async ({ world }) => {
      const membership = await MembershipModel.findById(world.targets.requester.membershipId).lean().orFail();
      expect(membership.status).to.equal('active');
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'naming their own network in the path',
        who: 'adminOther',
        request: ({ world }) =>
          post(`/networks/${world.slugs.B}/admin/members/${world.targets.requester.membershipId.toString()}/approve`, {
            category: 'member',
          }),
        expect: 'ignored',
      },
    ],
  },
  'POST /networks/:slug/admin/members/:membershipId/reject': {
    request: ({ world }) =>
      post(`/networks/${world.slugs.A}/admin/members/${world.targets.requester.membershipId.toString()}/reject`),
    effect: async ({ world }) => {
      const membership = await MembershipModel.findById(world.targets.requester.membershipId).lean().orFail();
      expect(membership.status).to.equal('rejected');
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'naming their own network in the path',
        who: 'adminOther',
        request: ({ world }) =>
          post(`/networks/${world.slugs.B}/admin/members/${world.targets.requester.membershipId.toString()}/reject`),
        expect: 'ignored',
      },
    ],
  },
  'POST /networks/:slug/admin/members/:membershipId/remove': {
    request: ({ world }) =>
      post(`/networks/${world.slugs.A}/admin/members/${world.targets.member.membershipId.toString()}/remove`),
    effect: async ({ world }) => {
      expect(await MembershipModel.countDocuments({ _id: world.targets.member.membershipId })).to.equal(0);
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'naming their own network in the path',
        who: 'adminOther',
        request: ({ world }) =>
          post(`/networks/${world.slugs.B}/admin/members/${world.targets.member.membershipId.toString()}/remove`),
        expect: 'refused',
      },
    ],
  },
  'POST /networks/:slug/admin/members/:membershipId': {
    request: ({ world }) =>
      post(`/networks/${world.slugs.A}/admin/members/${world.targets.member.membershipId.toString()}`, {
        category: 'resident',
        managedLocations: world.locations.a1.toString(),
      }),
    effect: async ({ world }) => {
      const membership = await MembershipModel.findById(world.targets.member.membershipId).lean().orFail();
      expect(membership.category).to.equal('resident');
      expect(membership.managedLocations.map(String)).to.deep.equal([world.locations.a1.toString()]);
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'naming their own network in the path',
        who: 'adminOther',
        request: ({ world }) =>
          post(`/networks/${world.slugs.B}/admin/members/${world.targets.member.membershipId.toString()}`, {
            category: 'resident',
          }),
        expect: 'refused',
      },
      {
        label: 'giving their member a location of another network',
        who: 'networkAdmin',
        request: ({ world }) =>
          post(`/networks/${world.slugs.A}/admin/members/${world.targets.member.membershipId.toString()}`, {
            category: 'member',
            managedLocations: world.locations.b1.toString(),
          }),
        expect: 'ignored',
      },
    ],
  },
  'POST /networks/:slug/admin/invitations': {
    request: ({ world }) => post(`/networks/${world.slugs.A}/admin/invitations`, invitationForm(world)),
    effect: async ({ world }) => {
      const created = await InvitationModel.find({ network: world.networks.A, managedLocations: world.locations.a1 });
      expect(created).to.have.length(1);
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'inviting a manager of network A’s location from their own network',
        who: 'adminOther',
        request: ({ world }) => post(`/networks/${world.slugs.B}/admin/invitations`, invitationForm(world)),
        expect: 'ignored',
      },
      {
        label: 'inviting a manager of another network’s location',
        who: 'networkAdmin',
        request: ({ world }) =>
          post(`/networks/${world.slugs.A}/admin/invitations`, invitationForm(world, world.locations.b1)),
        expect: 'ignored',
      },
    ],
  },
  'POST /networks/:slug/admin/invitations/:invitationId/revoke': {
    request: ({ world }) =>
      post(`/networks/${world.slugs.A}/admin/invitations/${world.targets.invitationToRevoke.id.toString()}/revoke`),
    effect: async ({ world }) => {
      const invitation = await InvitationModel.findById(world.targets.invitationToRevoke.id).lean().orFail();
      expect(invitation.revokedAt).to.be.instanceOf(Date);
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'naming their own network in the path',
        who: 'adminOther',
        request: ({ world }) =>
          post(`/networks/${world.slugs.B}/admin/invitations/${world.targets.invitationToRevoke.id.toString()}/revoke`),
        expect: 'ignored',
      },
    ],
  },
  'POST /invitations/:token/accept': {
    request: ({ world }) => post(`/invitations/${world.targets.invitation.token}/accept`),
    effect: async (a) => {
      const invitation = await InvitationModel.findById(a.world.targets.invitation.id).lean().orFail();
      expect(invitation.usedBy?.toString()).to.equal(own(a).toString());
      const membership = await MembershipModel.findOne({ user: own(a), network: a.world.networks.A })
        .lean()
        .orFail();
      expect(membership.status).to.equal('active');
      expect(membership.managedLocations.map(String)).to.include(a.world.locations.a2.toString());
    },
    // An open link is the invitation: anyone signed in who holds it may accept it.
    expect: signedIn(),
    variants: [
      {
        label: 'with a link sent to their own address',
        who: 'member',
        request: ({ world }) => post(`/invitations/${world.targets.addressedInvitation.token}/accept`),
        effect: async (a) => {
          const invitation = await InvitationModel.findById(a.world.targets.addressedInvitation.id).lean().orFail();
          expect(invitation.usedBy?.toString()).to.equal(own(a).toString());
        },
        expect: 'allowed',
      },
      // A link sent to an address is for that account alone, whatever the roles of whoever it was forwarded to.
      ...(['managerOther', 'networkAdmin', 'instanceAdmin'] as const).map((who): Variant => ({
        label: 'with a link sent to another account’s address',
        who,
        request: ({ world }) => post(`/invitations/${world.targets.addressedInvitation.token}/accept`),
        expect: 'refused',
      })),
    ],
  },
  'POST /manage/locations/new': {
    request: () => post('/manage/locations/new', locationFormFields(NEW_SMART_PLACE)),
    effect: async ({ world }) => {
      const created = await LocationModel.findOne({ 'name.fr': 'La Fonderie Namur' }).lean<Location>().orFail();
      expect([created.network.toString(), created.status]).to.deep.equal([world.networks.A.toString(), 'draft']);
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'placing the location in another network',
        who: 'networkAdmin',
        request: () =>
          post('/manage/locations/new', locationFormFields({ ...NEW_SMART_PLACE, network: 'dorpshuizen-drenthe' })),
        expect: 'refused',
      },
    ],
  },
  'POST /manage/locations/:slug/edit': {
    request: ({ world }) => a1EditForm(world),
    effect: async ({ world }) => expect((await a1(world)).name.fr).to.equal('LaVallée (rénovée)'),
    expect: only(...A1_EDITORS),
    variants: [
      {
        // A manager of named locations keeps them where they are, whatever the form says.
        label: 'moving it to another network in the form',
        who: 'manager',
        request: ({ world }) => a1EditForm(world, { network: world.slugs.B }),
        effect: async ({ world }) => {
          const location = await a1(world);
          expect(location.network.toString()).to.equal(world.networks.A.toString());
          expect(location.name.fr).to.equal('LaVallée (rénovée)');
        },
        expect: 'allowed',
      },
      {
        label: 'moving it to a network they do not administer',
        who: 'networkAdmin',
        request: ({ world }) => a1EditForm(world, { network: world.slugs.B }),
        expect: 'refused',
      },
    ],
  },
  'POST /manage/locations/:slug/status': {
    request: ({ world }) => post(`/manage/locations/${world.slugs.a1}/status`, { status: 'archived' }),
    effect: async ({ world }) => expect((await a1(world)).status).to.equal('archived'),
    expect: only(...A1_EDITORS),
  },
  'POST /manage/locations/:slug/photos': {
    request: async ({ world }) => {
      const { language } = await a1(world);
      const bytes = await (jpeg ??= testImage('jpeg', 400, 300));
      return { method: 'POST', path: a1Photos(world), multipart: () => photoForm(bytes, { [language]: 'La salle' }) };
    },
    effect: async ({ world }) => expect((await a1(world)).photos?.map((p) => p.width)).to.deep.equal([400]),
    expect: only(...A1_EDITORS),
  },
  'POST /manage/locations/:slug/photos/:photoId/alt': {
    request: async ({ world }) => {
      const [first] = await twoPhotosOnA1(world);
      const { language } = await a1(world);
      return post(`${a1Photos(world)}/${first}/alt`, { [`alt.${language}`]: 'La grande salle' });
    },
    effect: async ({ world }) => {
      const location = await a1(world);
      expect(location.photos?.[0]?.alt).to.deep.equal({ [location.language]: 'La grande salle' });
    },
    expect: only(...A1_EDITORS),
  },
  'POST /manage/locations/:slug/photos/:photoId/move': {
    request: async ({ world }) => {
      const [, second] = await twoPhotosOnA1(world);
      return post(`${a1Photos(world)}/${second}/move`, { direction: 'earlier' });
    },
    effect: async ({ world }) => expect((await a1(world)).photos?.map((p) => p.id[0])).to.deep.equal(['2', '1']),
    expect: only(...A1_EDITORS),
  },
  'POST /manage/locations/:slug/photos/:photoId/remove': {
    request: async ({ world }) => {
      const [first] = await twoPhotosOnA1(world);
      return post(`${a1Photos(world)}/${first}/remove`);
    },
    effect: async ({ world }) => expect((await a1(world)).photos?.map((p) => p.id[0])).to.deep.equal(['2']),
    expect: only(...A1_EDITORS),
  },
  'POST /api/v1/locations': {
    request: () => ({ method: 'POST', path: '/api/v1/locations', json: NEW_SMART_PLACE }),
    effect: async ({ world, res }) => {
      expect(res.status).to.equal(201);
      const created = await LocationModel.findOne({ 'name.fr': 'La Fonderie Namur' }).lean<Location>().orFail();
      expect(created.network.toString()).to.equal(world.networks.A.toString());
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'with their token, placing the location in another network',
        who: 'networkAdmin',
        via: 'token',
        request: () => ({
          method: 'POST',
          path: '/api/v1/locations',
          json: { ...NEW_SMART_PLACE, network: 'dorpshuizen-drenthe' },
        }),
        expect: 'refused',
      },
    ],
  },
  'PATCH /api/v1/locations/:slug': {
    request: ({ world }) => ({
      method: 'PATCH',
      path: `/api/v1/locations/${world.slugs.a1}`,
      json: { description: { fr: 'Lieu Smart rénové à Bruxelles.', nl: 'Vernieuwde Smart-plek in Brussel.' } },
    }),
    effect: async ({ world }) => expect((await a1(world)).description.nl).to.equal('Vernieuwde Smart-plek in Brussel.'),
    expect: only(...A1_EDITORS),
    variants: [
      {
        label: 'with their token, moving it to another network',
        who: 'manager',
        via: 'token',
        request: ({ world }) => ({
          method: 'PATCH',
          path: `/api/v1/locations/${world.slugs.a1}`,
          json: { network: world.slugs.B },
        }),
        expect: 'refused',
      },
      {
        label: 'with their token, moving it to a network they do not administer',
        who: 'networkAdmin',
        via: 'token',
        request: ({ world }) => ({
          method: 'PATCH',
          path: `/api/v1/locations/${world.slugs.a1}`,
          json: { network: world.slugs.B },
        }),
        expect: 'refused',
      },
    ],
  },
  'POST /admin/users/:id/roles': {
    request: ({ world }) => post(`/admin/users/${world.targets.tara.id.toString()}/roles`, { analyst: '1' }),
    effect: async ({ world }) => {
      const tara = await UserModel.findById(world.targets.tara.id).lean().orFail();
      expect([tara.analyst, tara.instanceAdmin]).to.deep.equal([true, false]);
    },
    expect: only('instanceAdmin'),
  },
  // Demand: anyone signed in says, changes or takes back their own "I would work here", never another's.
  'POST /locations/:slug/interest': {
    request: async ({ world }) => {
      await listedNow();
      return post(`/locations/${world.slugs.a1}/interest`, interestForm);
    },
    effect: async (a) => expect(await DemandSignalModel.countDocuments({ user: own(a) })).to.equal(1),
    expect: signedIn(),
  },
  'POST /interest': {
    request: () => post('/interest', { lat: '50.8467', lng: '4.3525', ...interestForm }),
    effect: async (a) =>
      expect(await DemandSignalModel.countDocuments({ user: own(a), place: 'point:50.85,4.35' })).to.equal(1),
    expect: signedIn(),
  },
  'POST /interest/withdraw': {
    request: async (s) => post('/interest/withdraw', { place: await interestAtA1(s) }),
    effect: async (a) => expect(await DemandSignalModel.countDocuments({ user: own(a) })).to.equal(0),
    expect: signedIn(),
    variants: [
      {
        label: 'naming a place where only Tara said it',
        who: 'networkAdmin',
        request: async ({ world }) => {
          // Theirs may be left from an earlier case that changed nothing.
          await DemandSignalModel.deleteMany({ user: world.people.networkAdmin.id });
          return post('/interest/withdraw', { place: await interestAtA1({ world, who: 'anonymous' }) });
        },
        expect: 'redirected',
      },
    ],
  },
  'PUT /api/v1/locations/:slug/interest': {
    request: async ({ world }) => {
      await listedNow();
      return { method: 'PUT', path: `/api/v1/locations/${world.slugs.a1}/interest`, json: interestForm };
    },
    effect: async (a) => expect(await DemandSignalModel.countDocuments({ user: own(a) })).to.equal(1),
    expect: signedIn(),
  },
  'DELETE /api/v1/locations/:slug/interest': {
    request: async (s) => {
      await interestAtA1(s);
      return { method: 'DELETE', path: `/api/v1/locations/${s.world.slugs.a1}/interest`, json: {} };
    },
    effect: async (a) => expect(await DemandSignalModel.countDocuments({ user: own(a) })).to.equal(0),
    expect: signedIn(),
  },
  // access: agreements between networks (A's admin is networkAdmin, B's is adminOther; instance admins act for either)
  ...agreementSpecs(),
  // programmes
  'POST /manage/events/new': {
    request: ({ world }) => post('/manage/events/new', matrixEventForm(world)),
    effect: async () => expect(await EventModel.countDocuments({ 'title.en': 'Matrix workshop' })).to.equal(1),
    expect: only(...A1_EDITORS),
  },
  'POST /manage/events/:id/edit': {
    request: async ({ world }) =>
      post(`/manage/events/${(await matrixCafe(world)).id}/edit`, {
        ...matrixEventForm(world),
        'title.en': MATRIX_CAFE,
        'title.nl': 'Matrixcafé',
      }),
    effect: async () => expect(await EventModel.countDocuments({ 'title.nl': 'Matrixcafé' })).to.equal(1),
    expect: only(...A1_EDITORS),
  },
  'POST /manage/events/:id/status': {
    request: async ({ world }) => post(`/manage/events/${(await matrixCafe(world)).id}/status`, { status: 'draft' }),
    effect: async () =>
      expect((await EventModel.findOne({ 'title.en': MATRIX_CAFE }).lean())?.status).to.equal('draft'),
    expect: only(...A1_EDITORS),
  },
  'POST /manage/events/:id/occurrences/:key/cancel': {
    request: async ({ world }) => {
      const { id, key } = await matrixCafe(world);
      return post(`/manage/events/${id}/occurrences/${key}/cancel`);
    },
    effect: async () => {
      const event = await EventModel.findOne({ 'title.en': MATRIX_CAFE }).lean();
      expect(event?.overrides.map((o) => o.cancelled)).to.deep.equal([true]);
    },
    expect: only(...A1_EDITORS),
  },
  'POST /api/v1/events': {
    request: ({ world }) => ({ method: 'POST', path: '/api/v1/events', json: matrixEventJson(world) }),
    effect: async ({ res }) => {
      expect(res.status).to.equal(201);
      expect(await EventModel.countDocuments({ 'title.en': 'Matrix workshop' })).to.equal(1);
    },
    expect: only(...A1_EDITORS),
  },
  'PATCH /api/v1/events/:id': {
    request: async ({ world }) => ({
      method: 'PATCH',
      path: `/api/v1/events/${(await matrixCafe(world)).id}`,
      json: { title: { en: MATRIX_CAFE, fr: 'Café matrice' } },
    }),
    effect: async () => expect(await EventModel.countDocuments({ 'title.fr': 'Café matrice' })).to.equal(1),
    expect: only(...A1_EDITORS),
  },
  'POST /events/:id/:key/register': {
    request: async ({ world, who }) => {
      const { id, key } = await matrixCafe(world);
      // A visitor registers by e-mail; anyone signed in with one click.
      return post(
        `/events/${id}/${key}/register`,
        who === 'anonymous' ? { name: 'Vera', email: 'vera@example.org' } : {},
      );
    },
    effect: async ({ who, world }) => {
      const mine = who === 'anonymous' ? { email: 'vera@example.org' } : { user: own({ world, who }) };
      expect(await RegistrationModel.countDocuments(mine)).to.equal(1);
    },
    expect: everyone(),
  },
  'POST /events/:id/:key/unregister': {
    request: async (sending) => {
      const { id, key } =
        sending.who === 'anonymous'
          ? await matrixCafe(sending.world)
          : await registrationOf(sending.world, own(sending));
      return post(`/events/${id}/${key}/unregister`);
    },
    effect: async (answer) =>
      expect(await RegistrationModel.countDocuments({ user: own(answer), status: 'cancelled' })).to.equal(1),
    expect: signedIn(),
  },
  'POST /registrations/:token/confirm': {
    request: async ({ world }) => {
      const link = await visitorLink(world, 'pending');
      lastVisitorLink = link.id;
      return post(`/registrations/${link.token}/confirm`);
    },
    effect: async () => expect(await registrationStatus(lastVisitorLink)).to.equal('registered'),
    expect: everyone(),
  },
  'POST /registrations/:token/cancel': {
    request: async ({ world }) => {
      const link = await visitorLink(world, 'registered');
      lastVisitorLink = link.id;
      return post(`/registrations/${link.token}/cancel`);
    },
    effect: async () => expect(await registrationStatus(lastVisitorLink)).to.equal('cancelled'),
    expect: everyone(),
  },
  'POST /me/registrations/feed': {
    request: () => post('/me/registrations/feed'),
    effect: async (answer) => expect(await CalendarFeedModel.countDocuments({ user: own(answer) })).to.equal(1),
    expect: signedIn(),
  },
  // opendata: a network admin's imports (upload, then import a kept file).
  'POST /networks/:slug/admin/import': {
    request: ({ world }) => ({
      method: 'POST',
      path: `/networks/${world.slugs.A}/admin/import`,
      multipart: () => {
        const form = new FormData();
        form.append('kind', 'csv');
        form.append('file', new Blob([IMPORT_CSV], { type: 'text/csv' }), 'places.csv');
        return form;
      },
    }),
    effect: async ({ world }) =>
      expect(await ImportJobModel.countDocuments({ network: world.networks.A, fileName: 'places.csv' })).to.equal(1),
    expect: only(...A_ADMINS),
  },
  'POST /networks/:slug/admin/import/:jobId': {
    request: async ({ world }) => {
      const job = await ImportJobModel.create({
        network: world.networks.A,
        createdBy: 'matrix',
        kind: 'osm',
        fileName: 'overpass.json',
        text: IMPORT_OSM,
      });
      return post(`/networks/${world.slugs.A}/admin/import/${job._id.toString()}`);
    },
    effect: async ({ world }) => {
      // The import runs on after the answer: waited for, so it writes nothing into the next case's world.
      for (let i = 0; i < 300; i += 1) {
        const job = await ImportJobModel.findOne({ network: world.networks.A, status: { $ne: 'uploaded' } }).lean();
        if (job?.status === 'done') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await LocationModel.countDocuments({ 'source.recordId': 'node/1' })).to.equal(1);
    },
    expect: only(...A_ADMINS),
  },
  // passes: revoking a membership, checking a pass and recording the visit at a place.
  'POST /networks/:slug/admin/members/:membershipId/revoke': {
    request: ({ world }) =>
      post(`/networks/${world.slugs.A}/admin/members/${world.targets.member.membershipId.toString()}/revoke`),
    effect: async ({ world }) => {
      const membership = await MembershipModel.findById(world.targets.member.membershipId).lean().orFail();
      expect(membership.status).to.equal('revoked');
    },
    expect: only(...A_ADMINS),
    variants: [
      {
        label: 'naming their own network in the path',
        who: 'adminOther',
        request: ({ world }) =>
          post(`/networks/${world.slugs.B}/admin/members/${world.targets.member.membershipId.toString()}/revoke`),
        expect: 'refused',
      },
    ],
  },
  'POST /manage/check-in/:location/verify': {
    request: async ({ world }) =>
      post(`/manage/check-in/${world.slugs.a1}/verify`, { pass: await tomsPassAtA1(world) }),
    effect: ({ body }) => Promise.resolve(expect(body).to.include('verdict-admitted').and.include('Tom T.')),
    expect: only(...A1_EDITORS),
  },
  'POST /manage/check-in/:location/confirm': {
    request: async ({ world }) =>
      post(`/manage/check-in/${world.slugs.a1}/confirm`, { pass: await tomsPassAtA1(world) }),
    effect: async ({ world }) => {
      const events = await UsageEventModel.find().lean();
      expect(events.map((e) => [e.kind, e.location.toString()])).to.deep.equal([
        ['walk-in', world.locations.a1.toString()],
      ]);
    },
    expect: only(...A1_EDITORS),
    variants: [
      {
        label: 'at a place of another network (B1), which they do not manage',
        who: 'manager',
        request: async ({ world }) =>
          post(`/manage/check-in/${world.slugs.b1}/confirm`, { pass: await tomsPassAtA1(world) }),
        expect: 'refused',
      },
    ],
  },
  'POST /api/v1/manage/check-in/:location/verify': {
    request: async ({ world }) => ({
      method: 'POST',
      path: `/api/v1/manage/check-in/${world.slugs.a1}/verify`,
      json: { pass: await tomsPassAtA1(world) },
    }),
    effect: ({ body }) => {
      const verdict = JSON.parse(body) as { admitted: boolean; nameHint: string };
      return Promise.resolve(expect([verdict.admitted, verdict.nameHint]).to.deep.equal([true, 'Tom T.']));
    },
    expect: only(...A1_EDITORS),
  },
  'POST /api/v1/manage/check-in/:location/confirm': {
    request: async ({ world }) => ({
      method: 'POST',
      path: `/api/v1/manage/check-in/${world.slugs.a1}/confirm`,
      json: { pass: await tomsPassAtA1(world) },
    }),
    effect: async ({ world }) => {
      const events = await UsageEventModel.find().lean();
      expect(events.map((e) => [e.kind, e.location.toString()])).to.deep.equal([
        ['walk-in', world.locations.a1.toString()],
      ]);
    },
    expect: only(...A1_EDITORS),
  },
  // federation
  'POST /admin/peers': {
    request: () => post('/admin/peers', { url: fakePeer!.baseUrl }),
    effect: async () =>
      expect(await PeerModel.findOne({ baseUrl: fakePeer!.baseUrl }).lean()).to.include({ status: 'pending' }),
    expect: only('instanceAdmin'),
  },
  'POST /admin/peers/:id/approve': {
    request: ({ world }) => post(`/admin/peers/${world.targets.peer.id.toString()}/approve`),
    effect: async ({ world }) => expect((await worldPeer(world)).status).to.equal('approved'),
    expect: only('instanceAdmin'),
  },
  'POST /admin/peers/:id/suspend': {
    request: ({ world }) => post(`/admin/peers/${world.targets.peer.id.toString()}/suspend`),
    effect: async ({ world }) => expect((await worldPeer(world)).status).to.equal('suspended'),
    expect: only('instanceAdmin'),
  },
  'POST /admin/peers/:id/remove': {
    request: ({ world }) => post(`/admin/peers/${world.targets.peer.id.toString()}/remove`),
    effect: async ({ world }) => expect(await PeerModel.countDocuments({ _id: world.targets.peer.id })).to.equal(0),
    expect: only('instanceAdmin'),
  },
};

/** The visitor registration the last request of a token route was about. */
let lastVisitorLink = '';

function matrixEventForm(world: World): FormFields {
  const start = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
  return {
    where: `location:${world.slugs.a1}`,
    language: 'en',
    'title.en': 'Matrix workshop',
    category: 'workshop',
    start: `${start}T10:00`,
    end: `${start}T12:00`,
    audience: 'open',
    status: 'published',
  };
}

function matrixEventJson(world: World) {
  const start = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
  return {
    location: world.slugs.a1,
    language: 'en',
    title: { en: 'Matrix workshop' },
    category: 'workshop',
    start: `${start}T10:00`,
    end: `${start}T12:00`,
    status: 'published',
  };
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  allowed: 'it is allowed and takes effect',
  refused: 'it is refused and nothing changes',
  redirected: 'it is only redirected and nothing changes',
  ignored: 'it is turned down without an error and nothing changes',
  tokenRefused: 'it is refused because API tokens only work on the API, and nothing changes',
};

const CSRF_MESSAGE = localeText('en', 'errors:csrf');
const TOKEN_OUTSIDE_API_MESSAGE = localeText('en', 'errors:tokenOutsideApi');

const isApiRoute = (route: string) => / \/api\//.test(route);

/** "POST /a/:id/b" → a pattern that the concrete request line must match. */
const routePattern = (route: string) =>
  new RegExp(`^${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`);

async function send(client: TestClient, sent: Sent, bearer?: { token: string; csrf: boolean }): Promise<Response> {
  if (sent.multipart) {
    if (!bearer) return client.upload(sent.path, sent.multipart());
    const headers: Record<string, string> = { authorization: `Bearer ${bearer.token}` };
    return client.upload(sent.path, sent.multipart(), { csrf: bearer.csrf, headers });
  }
  if (!bearer) {
    return sent.json !== undefined
      ? client.json(sent.method, sent.path, sent.json)
      : client.post(sent.path, sent.form ?? {});
  }
  const headers: Record<string, string> = { authorization: `Bearer ${bearer.token}` };
  if (bearer.csrf) headers['x-csrf-token'] = await client.csrf();
  if (sent.json !== undefined) {
    headers['content-type'] = 'application/json';
    headers.accept = 'application/json';
    return client.request(sent.path, { method: sent.method, headers, body: JSON.stringify(sent.json) });
  }
  headers['content-type'] = 'application/x-www-form-urlencoded';
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(sent.form ?? {}))
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  return client.request(sent.path, { method: sent.method, headers, body });
}

describe('authorisation matrix (integration)', function () {
  this.timeout(60_000);

  before(async () => {
    // Private addresses allowed: the peer added by address is a stand-in on loopback.
    app = await startTestApp({ env: { FEDERATION_ALLOW_PRIVATE_ADDRESSES: 'true' } });
    issuer = app.config.baseUrl;
    fakePeer = await startFakePeer();
  });

  after(async () => {
    await app?.close();
    await fakePeer?.close();
  });

  it('when the app’s router is walked, then every write route is in the matrix and every matrix key is a route', function () {
    const routes = writeRoutes(buildApp({ config: app.config, logger: testLogger, directory: app.directory }).express);
    const declared = Object.keys(MATRIX);
    const missing = routes.filter((route) => !declared.includes(route));
    const unknown = declared.filter((route) => !routes.includes(route));
    expect(
      { missing, unknown },
      'write routes missing from the matrix, and matrix keys that match no route',
    ).to.deep.equal({ missing: [], unknown: [] });
    expect(routes.length).to.be.greaterThan(20);
  });

  /**
   * The world of the last case, with its signed-in clients: a case that changed nothing leaves it as it was, so the
   * next one reuses it (building the world and signing in are most of the suite's time).
   */
  let state: { world: World; clients: Map<Who, TestClient>; dirty: boolean } | undefined;

  async function freshWorld(): Promise<{ world: World; clients: Map<Who, TestClient> }> {
    if (!state || state.dirty) state = { world: await buildWorld(), clients: new Map(), dirty: false };
    return state;
  }

  async function check(
    route: string,
    spec: RouteSpec,
    who: Who,
    outcome: Outcome,
    options: { via?: Via; request?: Variant['request']; effect?: Variant['effect'] } = {},
  ): Promise<void> {
    const { world, clients } = await freshWorld();
    const via = who === 'anonymous' ? 'session' : (options.via ?? 'session');
    let client = via === 'token' ? new TestClient(app) : clients.get(who);
    if (!client) {
      client = await clientFor(app, world, who);
      clients.set(who, client);
    }
    const sent = await (options.request ?? spec.request)({ world, who });
    expect(`${sent.method} ${sent.path}`, 'the request is one of its route').to.match(routePattern(route));
    const before = await snapshot();
    // Until it is shown that nothing changed, the world has to be built again for the next case.
    state!.dirty = true;
    const bearer =
      who === 'anonymous' || via === 'session' ? undefined : { token: world.tokens[who], csrf: via !== 'token' };
    const res = await send(client, sent, bearer);
    const body = await res.text();
    const where = `${sent.method} ${sent.path} → ${res.status} ${res.headers.get('location') ?? ''}\n${body.slice(0, 600)}`;
    expect(res.status, where).to.be.below(500);
    expect(body, `refused by the CSRF check rather than by policy: ${where}`).to.not.include(CSRF_MESSAGE);
    const location = res.headers.get('location') ?? '';
    if (outcome === 'allowed') {
      expect(res.status, where).to.be.within(200, 399);
      expect(location, where).to.not.match(/^\/login/);
      await (options.effect ?? spec.effect)({ world, who, res, body, client });
      return;
    }
    if (outcome === 'tokenRefused') {
      expect(res.status, where).to.equal(403);
      expect(body, where).to.include(TOKEN_OUTSIDE_API_MESSAGE);
    } else if (outcome === 'refused') {
      if (who === 'anonymous') expect(res.status, where).to.equal(401);
      else expect(res.status, where).to.be.oneOf([403, 404]);
    } else if (outcome === 'redirected') {
      expect(res.status, where).to.be.within(300, 399);
      expect(location, where).to.not.match(/^\/login/);
    }
    expect(differences(before, await snapshot()), `nothing may change: ${where}`).to.deep.equal([]);
    state!.dirty = false;
  }

  for (const [route, spec] of Object.entries(MATRIX)) {
    describe(route, function () {
      for (const who of PRINCIPALS) {
        const outcome = spec.expect[who];
        it(`when ${DESCRIBED[who]} sends ${route}, then ${OUTCOME_TEXT[outcome]}`, () =>
          check(route, spec, who, outcome));
      }
      for (const who of PRINCIPALS.filter((p): p is SignedIn => p !== 'anonymous')) {
        const outcome = isApiRoute(route) ? spec.expect[who] : 'tokenRefused';
        it(`when ${DESCRIBED[who]} sends ${route} with their API token, then ${OUTCOME_TEXT[outcome]}`, () =>
          check(route, spec, who, outcome, { via: 'token' }));
        // Where the session would allow it, a token sent along must still not fall back to the session.
        if (!isApiRoute(route) && spec.expect[who] === 'allowed') {
          it(`when ${DESCRIBED[who]} sends ${route} from their signed-in browser with their API token too, then ${OUTCOME_TEXT.tokenRefused}`, () =>
            check(route, spec, who, 'tokenRefused', { via: 'session+token' }));
        }
      }
      for (const variant of spec.variants ?? []) {
        it(`when ${DESCRIBED[variant.who]} sends ${route} ${variant.label}, then ${OUTCOME_TEXT[variant.expect]}`, () =>
          check(route, spec, variant.who, variant.expect, variant));
      }
    });
  }
});
