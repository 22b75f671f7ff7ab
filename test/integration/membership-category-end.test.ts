// A membership's category with an end date, set by a network admin on the member form (never by the member).
import { expect } from 'chai';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

describe('a membership category with an end date (integration)', function () {
  let app: TestApp;
  let membershipId: string;

  beforeEach(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    const smartBe = networks.get('smart-be')!;
    await createPerson({
      name: 'Amira Admin',
      email: 'amira@example.org',
      memberships: [{ network: smartBe, networkAdmin: true }],
    });
    const mo = await createPerson({ name: 'Mo Member', email: 'mo@example.org', memberships: [{ network: smartBe }] });
    membershipId = String((await MembershipModel.findOne({ user: mo.id }).lean())!._id);
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  const path = () => `/networks/smart-be/admin/members/${membershipId}`;

  it('when the admin gives a social-programme category an end date, then it is stored and listed with it; back to member, the end goes', async () => {
    const amira = await TestClient.signedIn(app, 'amira@example.org');
    const saved = await amira.post(`${path()}?lang=en`, { category: 'social-programme', categoryUntil: '2026-06-30' });
    expect(saved.status).to.equal(303);
    expect(await MembershipModel.findById(membershipId).lean()).to.include({
      category: 'social-programme',
      categoryUntil: '2026-06-30',
    });
    const dashboard = await (await amira.get('/networks/smart-be/admin?lang=en')).text();
    expect(dashboard).to.include('until Jun 30, 2026');
    await amira.post(path(), { category: 'member', categoryUntil: '2026-06-30' });
    expect((await MembershipModel.findById(membershipId).lean())!.categoryUntil).to.equal(undefined);
  });

  it('when the end date is not a calendar day, then the form says so and nothing changes', async () => {
    const amira = await TestClient.signedIn(app, 'amira@example.org');
    const res = await amira.post(`${path()}?lang=fr`, { category: 'resident', categoryUntil: '2026-02-30' });
    expect(res.status).to.equal(400);
    expect(await res.text()).to.include(localeText('fr', 'access:validation.categoryUntil'));
    expect(await MembershipModel.findById(membershipId).lean()).to.include({ category: 'member' });
  });

  it('when the member tries to set their own category, then it is refused', async () => {
    const mo = await TestClient.signedIn(app, 'mo@example.org');
    const res = await mo.post(path(), { category: 'social-programme', categoryUntil: '2026-06-30' });
    expect(res.status).to.equal(403);
    expect(await MembershipModel.findById(membershipId).lean()).to.include({ category: 'member' });
  });
});
