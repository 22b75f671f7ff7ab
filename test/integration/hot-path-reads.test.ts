// Reads on hot paths: FerretDB 1.x scans a whole collection for any lookup, so what every request reads must not grow
// with the directory or the number of people. Checked by watching the commands the app sends to the real database.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { LocationModel } from '../../server/locations/location.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { watchCommands, type CommandWatch } from '../../server/shared/db/command-watch.ts';
import { createApiToken } from '../support/authorization-world.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { NEW_SMART_PLACE } from '../support/location-form.ts';
import { afternoonZone } from '../support/daytime-zone.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const PLACE = 'over-entinghe-dwingeloo';

describe('reads on hot paths (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let watch: CommandWatch;

  /** The collections the commands sent since the last reset ran on. */
  const collectionsRead = () => watch.commands.map((c) => c.collection ?? c.name);
  /** The directory caught up, then its follower stopped: it reads the feed on its own schedule, whatever the requests. */
  async function followerQuiet(): Promise<void> {
    await app.directory.follower.poll();
    await app.directory.follower.stop();
  }

  beforeEach(async () => {
    await clearDatabase();
    networks = await createNetworks();
    await insertPlaces(realPlace(networks, PLACE));
    app = await startTestApp();
    watch = watchCommands();
  });
  afterEach(async () => {
    watch.stop();
    await app.close();
  });

  describe('the place page', () => {
    it('when someone asks for a place that is not listed, then the 404 comes from memory, without a database read', async () => {
      await app.get(`/locations/${PLACE}`);
      await followerQuiet();
      watch.reset();
      for (const path of ['/locations/no-such-place', '/api/v1/locations/no-such-place']) {
        const res = await app.get(path);
        expect(res.status, path).to.equal(404);
      }
      expect(collectionsRead()).to.deep.equal([]);
    });

    it('when someone opens a listed place, then its document is read by _id, not searched by slug', async () => {
      await followerQuiet();
      watch.reset();
      const res = await app.get(`/locations/${PLACE}`);
      expect(res.status).to.equal(200);
      const locationReads = watch.commands.filter((c) => c.collection === 'locations');
      expect(locationReads).to.have.length(1);
      expect(Object.keys(locationReads[0]!.filter ?? {})).to.deep.equal(['_id']);
    });

    it('when a manager publishes a place, then its page opens at once, before the directory’s next poll', async () => {
      const slowApp = await startTestApp({ pollMs: 60_000 });
      try {
        const manager = await createPerson({
          name: 'Mia Manager',
          email: 'mia@example.org',
          memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
        });
        const { token } = await createApiToken(manager.id, 'sync');
        const client = new TestClient(slowApp);
        const created = await client.json(
          'POST',
          '/api/v1/locations',
          { ...NEW_SMART_PLACE, status: 'published' },
          { token },
        );
        expect(created.status, await created.clone().text()).to.equal(201);
        const { slug } = (await created.json()) as { slug: string };
        expect((await slowApp.get(`/locations/${slug}`)).status).to.equal(200);
      } finally {
        await slowApp.close();
      }
    });

    it('when a place is unpublished, then its page is gone at once', async () => {
      const manager = await createPerson({
        name: 'Mia Manager',
        email: 'mia@example.org',
        memberships: [{ network: networks.get('dorpshuizen-drenthe')!, networkAdmin: true }],
      });
      const { token } = await createApiToken(manager.id, 'sync');
      const client = new TestClient(app);
      const patched = await client.json('PATCH', `/api/v1/locations/${PLACE}`, { status: 'draft' }, { token });
      expect(patched.status, await patched.clone().text()).to.equal(200);
      expect((await app.get(`/locations/${PLACE}`)).status).to.equal(404);
    });
  });

  describe('signed-in requests', () => {
    it('when a signed-in person browses, then after the first page the session and roles come from memory', async () => {
      await createPerson({ name: 'Ada Member', email: 'ada@example.org' });
      const ada = await TestClient.signedIn(app, 'ada@example.org');
      // Read whole, as a browser does before its next click: the session is saved before the page ends.
      expect(await (await ada.get('/')).text()).to.include('action="/logout"');
      await followerQuiet();
      watch.reset();
      const res = await ada.get('/');
      expect(await res.text(), 'the page is a signed-in one').to.include('action="/logout"');
      expect(collectionsRead()).to.deep.equal([]);
    });

    it('when a member is made network admin, then the very next request has the new rights', async () => {
      const drenthe = networks.get('dorpshuizen-drenthe')!;
      await createPerson({
        name: 'Nina Admin',
        email: 'nina@example.org',
        memberships: [{ network: drenthe, networkAdmin: true }],
      });
      const ben = await createPerson({
        name: 'Ben Member',
        email: 'ben@example.org',
        memberships: [{ network: drenthe }],
      });
      const benClient = await TestClient.signedIn(app, 'ben@example.org');
      const adminPage = '/networks/dorpshuizen-drenthe/admin';
      expect((await benClient.get(adminPage)).status).to.equal(403);
      const membership = await MembershipModel.findOne({ user: ben.id }).lean().orFail();
      const nina = await TestClient.signedIn(app, 'nina@example.org');
      const made = await nina.post(`${adminPage}/members/${membership._id.toString()}`, {
        category: 'member',
        networkAdmin: 'true',
      });
      expect(made.status).to.equal(303);
      expect((await benClient.get(adminPage)).status).to.equal(200);
    });

    it('when a script calls the API with a token, then later calls do not look the token up; once revoked it is refused at once', async () => {
      const ines = await createPerson({ name: 'Ines Instance', email: 'ines@example.org', instanceAdmin: true });
      const { token } = await createApiToken(ines.id, 'sync');
      const call = () => app.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expect((await call()).status).to.equal(200);
      watch.reset();
      expect((await call()).status).to.equal(200);
      const tokenLookups = watch.commands.filter(
        (c) => c.collection === 'apitokens' && c.filter && 'tokenHash' in c.filter,
      );
      expect(tokenLookups).to.deep.equal([]);
      const ownClient = await TestClient.signedIn(app, 'ines@example.org');
      const tokens = (await (await ownClient.get('/api/v1/me')).json()) as { tokens: { id: string }[] };
      const revoked = await ownClient.post(`/me/tokens/${tokens.tokens[0]!.id}/revoke`, {});
      expect(revoked.status).to.equal(303);
      expect((await call()).status).to.equal(401);
    });

    it('when someone signs out, then their session cookie no longer signs anyone in', async () => {
      await createPerson({ name: 'Ada Member', email: 'ada@example.org' });
      const ada = await TestClient.signedIn(app, 'ada@example.org');
      expect((await ada.get('/me')).status).to.equal(200);
      const stolen = ada.copy();
      expect((await ada.post('/logout', {})).status).to.equal(303);
      expect((await stolen.get('/me')).status, 'the copied cookie after sign-out').to.not.equal(200);
    });
  });

  describe('the check-in', () => {
    it('when a manager checks a pass by its code, then the place, the pass, the membership and the visit are read by _id, and the place’s agreements by network', async () => {
      const place = await LocationModel.findOneAndUpdate(
        { slug: PLACE },
        { $set: { timeZone: afternoonZone() } },
        { returnDocument: 'after' },
      ).lean();
      const network = networks.get('dorpshuizen-drenthe')!;
      await createPerson({ name: 'Anke Lid', email: 'anke@example.org', memberships: [{ network }] });
      await createPerson({
        name: 'Henk Beheer',
        email: 'henk@example.org',
        memberships: [{ network, managedLocations: [place!._id] }],
      });
      const member = await TestClient.signedIn(app, 'anke@example.org');
      const { passes } = (await (await member.get('/api/v1/me/passes')).json()) as { passes: { code: string }[] };
      const manager = await TestClient.signedIn(app, 'henk@example.org');
      const verify = () => manager.post(`/manage/check-in/${PLACE}/verify`, { pass: passes[0]!.code });
      await verify();
      await followerQuiet();
      const csrf = await manager.csrf();
      watch.reset();
      const res = await manager.request(`/manage/check-in/${PLACE}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, pass: passes[0]!.code }),
      });
      expect(await res.text()).to.include('verdict-admitted');
      const reads = watch.commands.filter((c) => c.name === 'find');
      expect(reads.map((c) => c.collection).sort()).to.deep.equal(
        ['agreements', 'locations', 'member_passes', 'memberships', 'networks', 'visit_claims'].sort(),
      );
      // The agreements the place's network hosts: a small collection (one per pair of networks), read by network.
      for (const read of reads.filter((c) => c.collection !== 'agreements')) {
        expect(Object.keys(read.filter ?? {}), read.collection).to.deep.equal(['_id']);
      }
    });
  });
});
