// "A network keeps at least one admin" under concurrent requests, on the real database: counting the other admins and
// demoting one are held together (a claim on the network's admins), so two admins demoting each other at once cannot
// both pass the count.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const ADMIN_PAGE = '/networks/dorpshuizen-drenthe/admin';

describe('the last admin of a network, under concurrent requests (integration)', function () {
  let app: TestApp;
  let drenthe: Types.ObjectId;

  beforeEach(async () => {
    await clearDatabase();
    drenthe = (await createNetworks()).get('dorpshuizen-drenthe')!;
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  async function admin(name: string, email: string): Promise<{ client: TestClient; membershipId: string }> {
    const person = await createPerson({ name, email, memberships: [{ network: drenthe, networkAdmin: true }] });
    const membership = await MembershipModel.findOne({ user: person.id }).lean().orFail();
    return { client: await TestClient.signedIn(app, email), membershipId: membership._id.toString() };
  }

  const adminsLeft = () => MembershipModel.countDocuments({ network: drenthe, status: 'active', networkAdmin: true });

  it('when two admins take each other’s admin rights away at the same moment, then one of them stays admin', async () => {
    for (let round = 0; round < 3; round += 1) {
      await MembershipModel.deleteMany({ network: drenthe });
      const ana = await admin('Ana', `ana${round}@example.org`);
      const bo = await admin('Bo', `bo${round}@example.org`);
      const demote = (by: TestClient, membershipId: string) =>
        by.post(`${ADMIN_PAGE}/members/${membershipId}`, { category: 'member' });
      const statuses = (
        await Promise.all([demote(ana.client, bo.membershipId), demote(bo.client, ana.membershipId)])
      ).map((res) => res.status);
      expect(await adminsLeft(), `round ${round}: ${statuses.join(', ')}`).to.equal(1);
      expect(
        statuses.filter((s) => s === 303),
        `round ${round}`,
      ).to.have.length(1);
    }
  });

  it('when two admins remove each other from the network at the same moment, then one of them stays', async () => {
    const ana = await admin('Ana', 'ana@example.org');
    const bo = await admin('Bo', 'bo@example.org');
    const remove = (by: TestClient, membershipId: string) =>
      by.post(`${ADMIN_PAGE}/members/${membershipId}/remove`, {});
    await Promise.all([remove(ana.client, bo.membershipId), remove(bo.client, ana.membershipId)]);
    expect(await adminsLeft()).to.equal(1);
  });
});
