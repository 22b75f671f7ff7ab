// Member passes and check-ins against the real database: a pass is signed and kept, a manager checks it by its code
// or its token, sees the verdict, and records one visit per pass and day-part; revoked, foreign, altered and rotated-out
// passes are refused with their reason; the usage log names nobody and outlives a deleted account.
import { expect } from 'chai';
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import type { Types } from 'mongoose';
import { instanceKeys } from '../../server/keys/index.ts';
import { createApiToken } from '../support/authorization-world.ts';
import { InstanceKeys } from '../../server/keys/instance-keys.service.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { MemberPassModel } from '../../server/passes/member-pass.model.ts';
import { PASS_TYPE, readPass, signPass, type PassContent } from '../../server/passes/pass-token.ts';
import { UsageEventModel } from '../../server/passes/usage-event.model.ts';
import { insertAgreement } from '../support/agreements.ts';
import { clearDatabase } from '../support/database.ts';
import { afternoonZone } from '../support/daytime-zone.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const PLACE = 'lavallee-bruxelles';
const OTHER_PLACE = 'over-entinghe-dwingeloo';
const DAY_MS = 24 * 3600 * 1000;

/** A locale string as a page shows it (HTML-escaped), up to its first placeholder. */
const shown = (key: string) =>
  localeText('en', key).split('{{')[0]!.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&#34;');

interface PassJson {
  passes: { network: { slug: string }; code: string; token: string; nameHint: string; expiresAt: string }[];
}

describe('member passes and check-ins (integration)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let amina: { id: Types.ObjectId; email: string };
  let lea: { id: Types.ObjectId; email: string };

  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  beforeEach(async () => {
    await clearDatabase();
    networks = await createNetworks();
    const tariffs = [{ category: 'own-member' as const, amount: 7.5, currency: 'EUR', per: 'day-part' as const }];
    await insertPlaces(
      realPlace(networks, PLACE, { timeZone: afternoonZone(), tariffs, status: 'published' }),
      realPlace(networks, OTHER_PLACE, { timeZone: afternoonZone(), status: 'published' }),
    );
    const a1 = (await LocationModel.findOne({ slug: PLACE }).lean())!._id;
    amina = await createPerson({
      name: 'Amina Benali',
      email: 'amina@example.org',
      memberships: [{ network: networks.get('smart-be')! }],
    });
    await createPerson({
      name: 'Bram de Vries',
      email: 'bram@example.org',
      memberships: [{ network: networks.get('dorpshuizen-drenthe')! }],
    });
    lea = await createPerson({
      name: 'Léa Manager',
      email: 'lea@example.org',
      memberships: [{ network: networks.get('smart-be')!, managedLocations: [a1] }],
    });
    await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
  });

  const passesOf = async (email: string): Promise<PassJson['passes']> => {
    const client = await TestClient.signedIn(app, email);
    const res = await client.get('/api/v1/me/passes');
    expect(res.status).to.equal(200);
    return ((await res.json()) as PassJson).passes;
  };

  const checkIn = async (manager: TestClient, step: 'verify' | 'confirm', pass: string, place = PLACE) =>
    manager.post(`/manage/check-in/${place}/${step}`, { pass });

  it('when a member opens /me/pass, then one pass per active membership shows a QR code, the code and the name hint, the token names no account, and the download of their data lists it', async () => {
    const client = await TestClient.signedIn(app, amina.email);
    const res = await client.get('/me/pass');
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.include('no-store');
    const html = await res.text();
    expect(html).to.include('<svg').and.include('Amina B.');
    const code = /data-code="([A-Z0-9]+)"/.exec(html)?.[1];
    expect(code).to.match(/^[2-9A-HJKMNP-Z]{9}$/);
    expect(html, 'no script is needed to show it').not.to.include('<script');

    const [pass] = await passesOf(amina.email);
    expect(pass!.code, 'the pass is kept, not made again on every visit').to.equal(code);
    const claims = decodeJwt(pass!.token);
    expect(Object.keys(claims).sort()).to.deep.equal(['cat', 'exp', 'iat', 'iss', 'jti', 'name', 'net', 'sub']);
    expect(claims.jti, 'the pass’s id is its code').to.equal(code);
    expect(claims.sub).not.to.include(amina.id.toString());
    expect(JSON.stringify(claims)).not.to.include('amina@example.org');
    expect(claims.name).to.equal('Amina B.');
    expect(claims.iss).to.equal(app.config.baseUrl);
    expect(claims.exp! - claims.iat!).to.be.at.most(30 * 24 * 3600);

    const data = (await (await client.get('/me/export.json')).json()) as { memberPasses: Record<string, unknown>[] };
    expect(data.memberPasses.map((p) => [p.code, p.network])).to.deep.equal([[code, 'smart-be']]);
  });

  it('when a manager types the code of a member of the place’s network, then the pass is admitted with the name hint and the own-member price, and confirming records one walk-in', async () => {
    const [pass] = await passesOf(amina.email);
    const manager = await TestClient.signedIn(app, 'lea@example.org');
    const verify = await checkIn(manager, 'verify', pass!.code.toLowerCase().replace(/(.{3})/g, '$1 '));
    const html = await verify.text();
    expect(verify.status).to.equal(200);
    expect(html).to.include('verdict-admitted').and.include('Amina B.').and.include('€7.50');
    expect(html).to.include(shown('passes:reason.ownMember'));
    expect(await UsageEventModel.countDocuments(), 'checking records nothing').to.equal(0);

    const confirm = await checkIn(manager, 'confirm', pass!.code);
    expect(confirm.status).to.equal(303);
    const events = await UsageEventModel.find().lean();
    expect(events).to.have.length(1);
    const event = events[0]!;
    expect(event).to.include({ kind: 'walk-in', dayPart: 'afternoon', tariffCategory: 'own-member' });
    expect(event.homeNetwork.toString()).to.equal(networks.get('smart-be')!.toString());
    expect(event.price).to.deep.equal({ amount: 7.5, currency: 'EUR' });
    expect(Object.keys(event).sort(), 'nothing in it names the person').to.deep.equal(
      ['_id', 'at', 'date', 'dayPart', 'homeNetwork', 'kind', 'location', 'price', 'tariffCategory'].sort(),
    );

    const page = await (await manager.get(`/manage/check-in/${PLACE}`)).text();
    expect(page).to.include(localeText('en', 'passes:checkIn.recorded').replace('{{name}}', 'Amina B.'));
  });

  it('when the same pass is confirmed many times at once for one day-part, then the visit counts once', async () => {
    const [pass] = await passesOf(amina.email);
    // Each browser's CSRF token is read first, so the race is between the confirmations alone.
    const managers = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const client = await TestClient.signedIn(app, 'lea@example.org');
        return { client, csrf: await client.csrf() };
      }),
    );
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const { client, csrf } = managers[i % managers.length]!;
        return client.request(`/manage/check-in/${PLACE}/confirm`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, pass: pass!.token }),
        });
      }),
    );
    expect(answers.map((r) => r.status)).to.deep.equal(Array(12).fill(303));
    expect(await UsageEventModel.countDocuments()).to.equal(1);
    const again = await (await checkIn(managers[0]!.client, 'verify', pass!.code)).text();
    expect(again).to.include(shown('passes:checkIn.alreadyNote'));
  });

  it('when the pass is scanned, then its token is checked as its code is; altered, it is refused as altered', async () => {
    const [pass] = await passesOf(amina.email);
    const manager = await TestClient.signedIn(app, 'lea@example.org');
    expect(await (await checkIn(manager, 'verify', pass!.token)).text()).to.include('verdict-admitted');

    const [header, payload, signature] = pass!.token.split('.');
    const altered = Buffer.from(
      JSON.stringify({ ...decodeJwt(pass!.token), net: { id: 'x', slug: 'other' } }),
    ).toString('base64url');
    const html = await (await checkIn(manager, 'verify', `${header}.${altered}.${signature}`)).text();
    expect(html).to.include('verdict-refused').and.include(shown('passes:reason.badSignature'));
    expect(payload).not.to.equal(altered);
  });

  it('when a door device checks a pass through the JSON API with the manager’s token, then it gets the verdict and records the visit once', async () => {
    const [pass] = await passesOf(amina.email);
    const { token } = await createApiToken(lea.id, 'door tablet');
    const device = new TestClient(app);
    const send = (step: string, body: unknown) =>
      device.json('POST', `/api/v1/manage/check-in/${PLACE}/${step}`, body, { token });
    const verify = await send('verify', { pass: pass!.code });
    expect(verify.status).to.equal(200);
    expect(await verify.json()).to.deep.include({
      admitted: true,
      nameHint: 'Amina B.',
      tariffCategory: 'own-member',
      price: { amount: 7.5, currency: 'EUR' },
      dayPart: 'afternoon',
      alreadyRecorded: false,
    });
    const first = await send('confirm', { pass: pass!.token });
    expect([first.status, ((await first.json()) as { recorded: boolean }).recorded]).to.deep.equal([201, true]);
    const second = await send('confirm', { pass: pass!.token });
    expect([second.status, ((await second.json()) as { recorded: boolean }).recorded]).to.deep.equal([200, false]);
    expect(await UsageEventModel.countDocuments()).to.equal(1);

    const refused = (await (await send('verify', { pass: 'ZZZZZZZZZ' })).json()) as { reason: { code: string } };
    expect(refused).to.deep.include({ admitted: false });
    expect(refused.reason.code).to.equal('unknownCode');
    const empty = await send('verify', {});
    expect(empty.status).to.equal(400);
    expect(JSON.stringify(await empty.json())).to.include(localeText('en', 'passes:validation.pass'));
  });

  it('when a member of another network shows their pass, then it is refused: no agreement between the networks', async () => {
    const [pass] = await passesOf('bram@example.org');
    const manager = await TestClient.signedIn(app, 'lea@example.org');
    const html = await (await checkIn(manager, 'verify', pass!.code)).text();
    expect(html).to.include('verdict-refused').and.include(shown('passes:reason.noAgreement'));
    expect(html).to.include('Bram V.');
    expect((await checkIn(manager, 'confirm', pass!.code)).status).to.equal(200);
    expect(await UsageEventModel.countDocuments()).to.equal(0);
  });

  it('when a member of a partner network under an active agreement shows their pass, then they are admitted free, and the visit names the agreement', async () => {
    const smartBe = networks.get('smart-be')!;
    const drenthe = networks.get('dorpshuizen-drenthe')!;
    const agreement = await insertAgreement(smartBe, drenthe, amina.id, 'active');
    const [pass] = await passesOf('bram@example.org');
    const manager = await TestClient.signedIn(app, 'lea@example.org');
    const html = await (await checkIn(manager, 'verify', pass!.code)).text();
    expect(html).to.include('verdict-admitted');
    expect(html).to.include(shown('passes:reason.agreement'));
    expect((await checkIn(manager, 'confirm', pass!.code)).status).to.be.within(200, 399);
    const visits = await UsageEventModel.find().lean();
    expect(visits.map((v) => [v.kind, v.tariffCategory, String(v.agreement)])).to.deep.equal([
      ['walk-in', 'partner-member', agreement.toString()],
    ]);
  });

  it('when the agreement between the networks is suspended, then the partner member is refused and told why', async () => {
    await insertAgreement(networks.get('smart-be')!, networks.get('dorpshuizen-drenthe')!, amina.id, 'suspended');
    const [pass] = await passesOf('bram@example.org');
    const manager = await TestClient.signedIn(app, 'lea@example.org');
    const html = await (await checkIn(manager, 'verify', pass!.code)).text();
    expect(html).to.include('verdict-refused').and.include(shown('access:reason.agreement-suspended'));
  });

  it('when a network admin revokes the membership, then its pass is refused at the next check-in and the member has no pass', async () => {
    const [pass] = await passesOf(amina.email);
    const membership = await MembershipModel.findOne({ user: amina.id }).lean();
    const admin = await TestClient.signedIn(app, 'nadia@example.org');
    const res = await admin.post(`/networks/smart-be/admin/members/${membership!._id.toString()}/revoke`, {});
    expect(res.status).to.equal(303);
    expect((await MembershipModel.findById(membership!._id).lean())!.status).to.equal('revoked');

    const manager = await TestClient.signedIn(app, 'lea@example.org');
    const html = await (await checkIn(manager, 'verify', pass!.code)).text();
    expect(html).to.include('verdict-refused').and.include(shown('passes:reason.revoked'));
    expect(await passesOf(amina.email)).to.deep.equal([]);
  });

  it('when the network’s only admin tries to revoke their own membership, then it is refused and they stay admin', async () => {
    const nadia = await MembershipModel.findOne({ networkAdmin: true, network: networks.get('smart-be') }).lean();
    const admin = await TestClient.signedIn(app, 'nadia@example.org');
    const res = await admin.post(`/networks/smart-be/admin/members/${nadia!._id.toString()}/revoke`, {});
    expect(res.status).to.equal(400);
    expect(await res.text()).to.include(shown('networks:validation.lastAdmin'));
    expect((await MembershipModel.findById(nadia!._id).lean())!.status).to.equal('active');
  });

  it('when the pass key is rotated, then a pass signed before one rotation is still admitted, and not after a second', async () => {
    // The test emptied the database under this process's keys: start from a generation that is stored.
    await instanceKeys.rotate('pass');
    const [pass] = await passesOf(amina.email);
    const manager = await TestClient.signedIn(app, 'lea@example.org');
    await instanceKeys.rotate('pass');
    expect(await (await checkIn(manager, 'verify', pass!.code)).text()).to.include('verdict-admitted');
    const [renewed] = await passesOf(amina.email);
    expect(renewed!.code, 'the member’s page shows a pass with the new key').not.to.equal(pass!.code);
    await instanceKeys.rotate('pass');
    const html = await (await checkIn(manager, 'verify', pass!.code)).text();
    expect(html).to.include('verdict-refused').and.include(shown('passes:reason.unknownKey'));
  });

  it('when a typed code names no pass, or nothing is typed, then the page says so and nothing is stored', async () => {
    const manager = await TestClient.signedIn(app, 'lea@example.org');
    const unknown = await (await checkIn(manager, 'verify', 'ABC-DEF-GHJ')).text();
    expect(unknown).to.include(shown('passes:reason.unknownCode'));
    const empty = await checkIn(manager, 'verify', '   ');
    expect(empty.status).to.equal(400);
    expect(await empty.text()).to.include(shown('passes:validation.pass'));
    expect(await UsageEventModel.countDocuments()).to.equal(0);
  });

  it('when a member without roles opens a place’s check-in page, then it is refused', async () => {
    const member = await TestClient.signedIn(app, 'bram@example.org');
    expect((await member.get(`/manage/check-in/${PLACE}`)).status).to.equal(403);
    const anonymous = await new TestClient(app).get(`/manage/check-in/${PLACE}`);
    expect([anonymous.status, anonymous.headers.get('location')]).to.deep.equal([
      303,
      `/login?next=${encodeURIComponent(`/manage/check-in/${PLACE}`)}`,
    ]);
  });

  it('when a member deletes their account, then their passes go and the usage log keeps the visit', async () => {
    const [pass] = await passesOf(amina.email);
    const manager = await TestClient.signedIn(app, 'lea@example.org');
    await checkIn(manager, 'confirm', pass!.code);
    const client = await TestClient.signedIn(app, amina.email);
    expect((await client.post('/me/delete', { password: TEST_PASSWORD })).status).to.equal(303);
    expect(await MemberPassModel.countDocuments({ user: amina.id })).to.equal(0);
    expect(await UsageEventModel.countDocuments()).to.equal(1);
    const html = await (await checkIn(manager, 'verify', pass!.token)).text();
    expect(html).to.include(shown('passes:reason.revoked'));
  });
});

describe('member pass signatures (integration)', function () {
  const content = (issuer: string): PassContent => ({
    id: '3AAQFXXRC',
    issuer,
    network: { id: 'n1', slug: 'smart-be' },
    category: 'member',
    subject: 'subject-1',
    nameHint: 'Amina B.',
    expiresAt: new Date(Date.now() + 30 * DAY_MS),
  });
  const ISSUER = 'https://passerelle.example';
  let keys: InstanceKeys;
  const verifier = (now?: Date) => ({
    issuer: ISSUER,
    keyFor: (kid: string) => keys.verificationKey(kid, 'pass'),
    ...(now ? { now } : {}),
  });

  beforeEach(async () => {
    await clearDatabase();
    keys = new InstanceKeys();
  });

  it('when a pass is read as signed, then it verifies with its content', async () => {
    const token = await signPass(content(ISSUER), await keys.signingKey('pass'));
    const reading = await readPass(token, verifier());
    expect(reading.ok && reading.pass).to.deep.include({
      subject: 'subject-1',
      nameHint: 'Amina B.',
      category: 'member',
    });
  });

  it('when a pass is read after its expiry, then it is refused as expired', async () => {
    const token = await signPass(content(ISSUER), await keys.signingKey('pass'));
    expect(await readPass(token, verifier(new Date(Date.now() + 31 * DAY_MS)))).to.deep.equal({
      ok: false,
      refusal: 'expired',
    });
  });

  it('when a pass is signed by another key under our key id, then its signature is refused', async () => {
    const { kid } = await keys.signingKey('pass');
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await signPass(content(ISSUER), { kid, privateKey });
    expect(await readPass(token, verifier())).to.deep.equal({ ok: false, refusal: 'badSignature' });
  });

  it('when a pass names a key id we never had, then it is refused as signed by an unknown key', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await signPass(content(ISSUER), { kid: 'pass-not-ours', privateKey });
    expect(await readPass(token, verifier())).to.deep.equal({ ok: false, refusal: 'unknownKey' });
  });

  it('when a pass comes from another issuer or claims more than 30 days, then it is refused', async () => {
    const key = await keys.signingKey('pass');
    const foreign = await signPass(content('https://elsewhere.example'), key);
    expect(await readPass(foreign, verifier())).to.deep.equal({ ok: false, refusal: 'otherIssuer' });
    const now = Math.floor(Date.now() / 1000);
    const long = await new SignJWT({ net: { id: 'n1', slug: 'smart-be' }, cat: 'member', name: 'Amina B.' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: PASS_TYPE })
      .setIssuer(ISSUER)
      .setSubject('subject-1')
      .setJti('3AAQFXXRC')
      .setIssuedAt(now)
      .setExpirationTime(now + 90 * 24 * 3600)
      .sign(key.privateKey);
    expect(await readPass(long, verifier())).to.deep.equal({ ok: false, refusal: 'tooLong' });
  });

  it('when the key is rotated, then a pass signed before one rotation still verifies and one signed before two does not', async () => {
    const token = await signPass(content(ISSUER), await keys.signingKey('pass'));
    await keys.rotate('pass');
    expect((await readPass(token, verifier())).ok).to.equal(true);
    await keys.rotate('pass');
    expect(await readPass(token, verifier())).to.deep.equal({ ok: false, refusal: 'unknownKey' });
  });
});
