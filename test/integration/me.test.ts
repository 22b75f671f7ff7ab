// My account against the real database: memberships shown, API tokens, the data download and account deletion.
import { expect } from 'chai';
import mongoose, { type Types } from 'mongoose';
import { ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { SessionModel } from '../../server/auth/session-store.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { recordAudit } from '../../server/audit/index.ts';
import { loadPrincipal } from '../../server/networks/index.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { InvitationModel } from '../../server/networks/invitation.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** The text of a locale string up to its first placeholder, as it appears on a page (HTML-escaped). */
const shown = (lang: string, key: string) =>
  localeText(lang, key)
    .split('{{')[0]!
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');

/** The parts of the download these tests read. */
interface MyData {
  format: string;
  account: Record<string, unknown>;
  memberships: (Record<string, unknown> & { managedLocations: string[] })[];
  apiTokens: { name: string }[];
  invitations: { created: Record<string, unknown>[]; used: Record<string, unknown>[] };
  auditEntries: { action: string }[];
  sessions: { count: number };
}

/** The token printed once on the page that follows its creation. */
function tokenOnPage(html: string): string {
  const match = /id="new-token"[^>]*value="(psl_[^"]+)"|value="(psl_[^"]+)"[^>]*id="new-token"/.exec(html);
  if (!match) throw new Error('no token on the page');
  return (match[1] ?? match[2])!;
}

describe('my account (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let veldkei: Types.ObjectId;

  beforeEach(async () => {
    await clearDatabase();
    app = await startTestApp();
    networks = await createNetworks();
    await insertPlaces(realPlace(networks, 'de-veldkei-havelte', { status: 'published' }));
    veldkei = (await LocationModel.findOne({ slug: 'de-veldkei-havelte' }).lean())!._id;
  });
  afterEach(async () => app.close());

  const drenthe = () => networks.get('dorpshuizen-drenthe')!;
  const smart = () => networks.get('smart-be')!;

  async function signedIn(email: string): Promise<TestClient> {
    const client = new TestClient(app);
    await client.login(email, TEST_PASSWORD);
    return client;
  }

  it('when a manager opens /me, then their memberships show with status, category, role and managed locations', async () => {
    await createPerson({
      name: 'Ineke Bos',
      email: 'ineke@example.org',
      memberships: [
        { network: drenthe(), managedLocations: [veldkei], category: 'resident' },
        { network: smart(), status: 'pending' },
      ],
    });
    const client = await signedIn('ineke@example.org');

    const res = await client.get('/me?lang=nl');
    const html = await res.text();

    expect(res.status).to.equal(200);
    expect(html).to.include('Ineke Bos').and.include('ineke@example.org');
    expect(html).to.include('href="/networks/dorpshuizen-drenthe"').and.include('href="/networks/smart-be"');
    expect(html).to.include(shown('nl', 'me:memberships.statuses.active'));
    expect(html).to.include(shown('nl', 'me:memberships.statuses.pending'));
    expect(html).to.include(shown('nl', 'me:memberships.categories.resident'));
    expect(html).to.include(shown('nl', 'me:memberships.manager'));
    expect(html).to.include('href="/locations/de-veldkei-havelte"');
    expect(html).to.include('href="/me/profile"').and.include('href="/me/password"');
    expect(html).to.include('<th scope="col">');
  });

  it('when someone not signed in asks for /me, then they are sent to the login form', async () => {
    const res = await new TestClient(app).get('/me');
    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.equal('/login?next=%2Fme');
  });

  it('when a member who manages nothing looks at tokens, then the page says why and creating one is refused', async () => {
    const member = await createPerson({
      name: 'Mo Member',
      email: 'mo@example.org',
      memberships: [{ network: drenthe() }],
    });
    const client = await signedIn('mo@example.org');

    const page = await (await client.get('/me?lang=fr')).text();
    expect(page).to.include(shown('fr', 'me:tokens.notAllowed'));
    expect(page).not.to.include('action="/me/tokens"');

    const res = await client.post('/me/tokens', { name: 'sneaky' });
    expect(res.status).to.equal(403);
    expect(await ApiTokenModel.countDocuments({ user: member.id })).to.equal(0);
  });

  it('when a token name is empty or too long, then the form comes back translated and no token is stored', async () => {
    const admin = await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: drenthe(), networkAdmin: true }],
    });
    const client = await signedIn('nadia@example.org');

    const empty = await client.post('/me/tokens?lang=de', { name: '   ' });
    expect(empty.status).to.equal(400);
    expect(await empty.text())
      .to.include(shown('de', 'me:validation.tokenName'))
      .and.include('aria-invalid="true"');

    const long = await client.post('/me/tokens?lang=de', { name: 'x'.repeat(81) });
    expect(long.status).to.equal(400);
    expect(await long.text()).to.include(shown('de', 'me:validation.tokenNameTooLong'));

    expect(await ApiTokenModel.countDocuments({ user: admin.id })).to.equal(0);
  });

  it('when a network admin creates a token, then it is shown once, works as Bearer on the audit API, and stops after revocation', async () => {
    const admin = await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: drenthe(), networkAdmin: true }],
    });
    const client = await signedIn('nadia@example.org');

    const created = await client.post('/me/tokens?lang=en', { name: 'Listing sync' });
    expect(created.status).to.equal(201);
    expect(created.headers.get('cache-control')).to.include('no-store');
    const html = await created.text();
    expect(html).to.include(shown('en', 'me:tokenCreated.warning'));
    const token = tokenOnPage(html);

    const stored = await ApiTokenModel.findOne({ user: admin.id }).lean();
    expect(stored!.name).to.equal('Listing sync');
    expect(stored!.tokenHash).not.to.include(token.slice(4));
    expect(stored!.prefix).to.equal(token.slice(0, 12));
    const list = await (await client.get('/me')).text();
    expect(list).to.include(stored!.prefix).and.not.include(token);

    const bearer = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const ok = await app.get('/api/v1/audit?network=dorpshuizen-drenthe', { headers: bearer });
    expect(ok.status).to.equal(200);
    expect(((await ok.json()) as { entries: unknown[] }).entries).to.be.an('array');
    const others = await app.get('/api/v1/audit?network=smart-be', { headers: bearer });
    expect(others.status).to.equal(403);

    const audit = await AuditModel.find({ actor: admin.id, action: /^token\./ }).lean();
    expect(audit.map((e) => e.action)).to.deep.equal(['token.create']);
    expect(JSON.stringify(audit)).not.to.include(token);

    const revoked = await client.post(`/me/tokens/${stored!._id.toString()}/revoke`, {});
    expect(revoked.status).to.equal(303);
    expect(await (await client.get('/me?lang=en')).text()).to.include(shown('en', 'me:tokens.revokedNotice'));
    expect((await app.get('/api/v1/audit?network=dorpshuizen-drenthe', { headers: bearer })).status).to.equal(401);
    expect(await AuditModel.countDocuments({ actor: admin.id, action: 'token.revoke' })).to.equal(1);
  });

  it("when a token's owner loses their admin role, then the token loses it too", async () => {
    const admin = await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: drenthe(), networkAdmin: true }],
    });
    const client = await signedIn('nadia@example.org');
    const token = tokenOnPage(await (await client.post('/me/tokens', { name: 'sync' })).text());
    const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
    expect((await app.get('/api/v1/audit?network=dorpshuizen-drenthe', { headers })).status).to.equal(200);

    await MembershipModel.updateOne({ user: admin.id }, { $set: { networkAdmin: false } });

    expect((await app.get('/api/v1/audit?network=dorpshuizen-drenthe', { headers })).status).to.equal(403);
  });

  it("when someone tries to revoke another person's token, then it is not found and keeps working", async () => {
    await createPerson({
      name: 'Nadia',
      email: 'nadia@example.org',
      memberships: [{ network: drenthe(), networkAdmin: true }],
    });
    await createPerson({
      name: 'Sam',
      email: 'sam@example.org',
      memberships: [{ network: smart(), networkAdmin: true }],
    });
    const nadia = await signedIn('nadia@example.org');
    const token = tokenOnPage(await (await nadia.post('/me/tokens', { name: 'mine' })).text());
    const record = await ApiTokenModel.findOne().lean();

    const sam = await signedIn('sam@example.org');
    expect((await sam.post(`/me/tokens/${record!._id.toString()}/revoke`, {})).status).to.equal(404);
    expect((await sam.post('/me/tokens/not-an-id/revoke', {})).status).to.equal(404);

    const res = await app.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(200);
    expect(((await res.json()) as { email: string }).email).to.equal('nadia@example.org');
  });

  it('when a token is used to create another token, then it is refused as a token outside the API', async () => {
    await createPerson({
      name: 'Nadia',
      email: 'nadia@example.org',
      memberships: [{ network: drenthe(), networkAdmin: true }],
    });
    const client = await signedIn('nadia@example.org');
    const token = tokenOnPage(await (await client.post('/me/tokens', { name: 'mine' })).text());

    const res = await new TestClient(app).json('POST', '/me/tokens', { name: 'child' }, { token });

    expect(res.status).to.equal(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).to.equal('token_outside_api');
    expect(await ApiTokenModel.countDocuments()).to.equal(1);
  });

  it('when I download my data, then it holds my account, memberships, tokens, invitations and actions, and no secret', async () => {
    const me = await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: drenthe(), networkAdmin: true, managedLocations: [veldkei] }],
    });
    const client = await signedIn('nadia@example.org');
    await client.post('/me/tokens', { name: 'Listing sync' });
    await InvitationModel.create({
      network: drenthe(),
      tokenHash: 'f'.repeat(64),
      email: 'newcomer@example.org',
      createdBy: me.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    });

    const res = await client.get('/me/export.json');
    const text = await res.text();

    expect(res.status).to.equal(200);
    expect(res.headers.get('content-disposition')).to.match(
      /^attachment; filename="passerelle-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = JSON.parse(text) as MyData;
    expect(data.format).to.equal('passerelle-my-data/1');
    expect(data.account).to.include({ email: 'nadia@example.org', name: 'Nadia Admin' });
    expect(data.memberships).to.have.length(1);
    expect(data.memberships[0]).to.include({ network: 'dorpshuizen-drenthe', status: 'active', networkAdmin: true });
    expect(data.memberships[0]!.managedLocations).to.deep.equal(['de-veldkei-havelte']);
    expect(data.apiTokens.map((t) => t.name)).to.deep.equal(['Listing sync']);
    expect(data.invitations.created[0]).to.include({ network: 'dorpshuizen-drenthe', email: 'newcomer@example.org' });
    expect(data.auditEntries.map((e) => e.action)).to.include('token.create');
    expect(data.sessions.count).to.be.at.least(1);
    expect(text).not.to.match(/passwordHash|tokenHash|scrypt/);
    expect(text).not.to.include('f'.repeat(64));
  });

  it('when the password typed to delete the account is wrong, then the form says so and nothing changes', async () => {
    const me = await createPerson({
      name: 'Ana Lopes',
      email: 'ana@example.org',
      memberships: [{ network: drenthe() }],
    });
    const client = await signedIn('ana@example.org');

    const res = await client.post('/me/delete?lang=fr', { password: 'not my password' });

    expect(res.status).to.equal(400);
    expect(await res.text()).to.include(shown('fr', 'me:delete.wrongPassword'));
    const user = await UserModel.findById(me.id).lean();
    expect(user).to.include({ email: 'ana@example.org', name: 'Ana Lopes' });
    expect(user!.deletedAt).to.equal(undefined);
    expect(await MembershipModel.countDocuments({ user: me.id })).to.equal(1);
    expect((await client.get('/me')).status).to.equal(200);
  });

  it('when the right password is typed, then the account is anonymised, signed out everywhere, and its actions show a pseudonym', async () => {
    const me = await createPerson({
      name: 'Ineke Bos',
      email: 'ineke@example.org',
      memberships: [{ network: drenthe(), managedLocations: [veldkei] }],
    });
    await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: drenthe(), networkAdmin: true }],
    });
    await createPerson({ name: 'Root', email: 'root@example.org', instanceAdmin: true });
    const client = await signedIn('ineke@example.org');
    const token = tokenOnPage(await (await client.post('/me/tokens', { name: 'sync' })).text());
    const elsewhere = await signedIn('ineke@example.org');
    const principal = (await loadPrincipal(me.id.toString(), 'session'))!;
    await recordAudit(principal, {
      action: 'location.update',
      entityType: 'location',
      entityId: veldkei.toString(),
      networkId: drenthe(),
      before: { openingHours: 'Mo-Fr 09:00-17:00' },
      after: { openingHours: 'Mo-Fr 08:30-17:00' },
    });
    await recordAudit(principal, {
      action: 'user.create',
      entityType: 'user',
      entityId: me.id.toString(),
      after: { name: 'Ineke Bos', email: 'ineke@example.org', preferredLanguage: 'nl' },
    });
    const resets = mongoose.connection.collection('passwordresets');
    await resets.insertOne({ user: me.id, tokenHash: 'a'.repeat(64), expiresAt: new Date(Date.now() + 3_600_000) });
    const pseudonym = (await UserModel.findById(me.id).lean())!.pseudonym;

    const res = await client.post('/me/delete?lang=nl', { password: TEST_PASSWORD });

    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.equal('/');
    expect(await (await client.get('/?lang=nl')).text()).to.include(shown('nl', 'me:delete.doneNotice'));
    const user = await UserModel.findById(me.id).lean();
    expect(user!.email).to.equal(`deleted-${me.id.toString()}@invalid`);
    expect(user!.name).to.equal(pseudonym);
    expect(user!.passwordHash).to.equal(undefined);
    expect(user!.deletedAt).to.be.instanceOf(Date);
    expect(await MembershipModel.countDocuments({ user: me.id })).to.equal(0);
    expect(await SessionModel.countDocuments({ userId: me.id.toString() })).to.equal(0);
    expect((await elsewhere.get('/me')).status).to.equal(303);
    expect((await app.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).to.equal(401);
    expect(await AuditModel.countDocuments({ actor: me.id, action: 'user.delete' })).to.equal(1);
    expect(await resets.countDocuments({ user: me.id })).to.equal(0);

    const again = new TestClient(app);
    const login = await again.post('/login', { email: 'ineke@example.org', password: TEST_PASSWORD });
    expect(login.status).to.equal(401);

    const admin = await signedIn('root@example.org');
    const all = await (await admin.get('/admin/audit?lang=en')).text();
    expect(all).to.include(pseudonym).and.not.include('Ineke Bos').and.not.include('ineke@example.org');
    expect(all).to.include(shown('en', 'audit:actions.user.delete'));
    const networkAdmin = await signedIn('nadia@example.org');
    const ours = await (await networkAdmin.get('/networks/dorpshuizen-drenthe/audit?lang=en')).text();
    expect(ours).to.include(pseudonym).and.not.include('Ineke Bos');
    expect(ours).to.include(shown('en', 'audit:actions.location.update'));
    expect(ours).to.include(shown('en', 'audit:actions.membership.delete'));
  });

  it('when the only instance admin tries to delete their account, then it is refused with a translated reason', async () => {
    const root = await createPerson({ name: 'Root', email: 'root@example.org', instanceAdmin: true });
    const client = await signedIn('root@example.org');

    const res = await client.post('/me/delete?lang=de', { password: TEST_PASSWORD });

    expect(res.status).to.equal(409);
    expect(await res.text()).to.include(shown('de', 'me:delete.lastInstanceAdmin'));
    expect((await UserModel.findById(root.id).lean())!.deletedAt).to.equal(undefined);
  });
});
