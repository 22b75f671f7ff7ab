// Invariants under concurrent requests, on the real database: each is a claim by unique key, so exactly one wins.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { PasswordResetModel } from '../../server/auth/password-reset.model.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { hashSecret } from '../../server/shared/db/secret-token.ts';
import { attempts } from '../../server/shared/http/rate-limit.ts';
import { OutboxModel } from '../../server/mail/outbox.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** How many of each status the responses had, e.g. `{ 303: 1, 410: 49 }`. */
const statuses = (responses: Response[]) =>
  responses.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});

describe('concurrent requests on one invariant (integration)', function () {
  let app: TestApp;
  let smart: Types.ObjectId;

  beforeEach(async () => {
    await clearDatabase();
    smart = (await createNetworks()).get('smart-be')!;
    await createPerson({
      name: 'Sophie Smart',
      email: 'sophie@example.org',
      memberships: [{ network: smart, networkAdmin: true }],
    });
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  it('when 50 accepts of one invitation offering network admin run at once, then one person becomes admin, audited once', async () => {
    const sophie = await TestClient.signedIn(app, 'sophie@example.org');
    const res = await sophie.post('/networks/smart-be/admin/invitations', {
      email: '',
      mailLanguage: 'en',
      category: 'member',
      networkAdmin: 'on',
      days: '7',
    });
    expect(res.status).to.equal(201);
    const token = /\/invitations\/([A-Za-z0-9_-]{20,})"/.exec(await res.text())![1]!;
    // Ten people, five tabs each: fifty accepts of one link, by different people and by the same person.
    const people: TestClient[] = [];
    for (let i = 0; i < 10; i += 1) {
      await createPerson({ name: `Person ${i}`, email: `person${i}@example.org` });
      people.push(await TestClient.signedIn(app, `person${i}@example.org`));
    }
    const tabs = people.flatMap((client) => Array.from({ length: 5 }, () => client));
    await Promise.all(tabs.map((client) => client.csrf()));

    const answers = await Promise.all(tabs.map((client) => client.post(`/invitations/${token}/accept`, {})));

    expect(statuses(answers)).to.deep.equal({ 303: 1, 410: 49 });
    const admins = await MembershipModel.find({ network: smart, networkAdmin: true }).lean();
    expect(admins).to.have.length(2); // Sophie and the one who won
    expect(await MembershipModel.countDocuments({ network: smart })).to.equal(2);
    expect(await AuditModel.countDocuments({ action: 'invitation.accept' })).to.equal(1);
  });

  it('when a link sent to one address is accepted at once by its addressee and by 30 tabs it was forwarded to, then the addressee joins and the others get 403', async () => {
    const sophie = await TestClient.signedIn(app, 'sophie@example.org');
    const res = await sophie.post('/networks/smart-be/admin/invitations', {
      email: 'nora@example.org',
      mailLanguage: 'en',
      category: 'member',
      days: '7',
    });
    const token = /\/invitations\/([A-Za-z0-9_-]{20,})"/.exec(await res.text())![1]!;
    const nora = await createPerson({ name: 'Nora Nouvelle', email: 'nora@example.org' });
    const addressee = await TestClient.signedIn(app, 'nora@example.org');
    const forwarded: TestClient[] = [];
    for (let i = 0; i < 10; i += 1) {
      await createPerson({ name: `Person ${i}`, email: `person${i}@example.org` });
      forwarded.push(await TestClient.signedIn(app, `person${i}@example.org`));
    }
    const tabs = [...forwarded.flatMap((client) => [client, client, client]), addressee];
    await Promise.all(tabs.map((client) => client.csrf()));

    const answers = await Promise.all(tabs.map((client) => client.post(`/invitations/${token}/accept`, {})));

    // The others are refused before the link's use is claimed, so none of them can take it from the addressee.
    expect(statuses(answers)).to.deep.equal({ 303: 1, 403: 30 });
    const members = await MembershipModel.find({ network: smart }).lean();
    expect(members.map((m) => m.user.toString())).to.include(nora.id.toString());
    expect(members).to.have.length(2);
  });

  it('when 20 uses of one reset link run at once, then the password changes once, audited once', async () => {
    const ana = await createPerson({ name: 'Ana Lopes', email: 'ana@example.org' });
    const token = 'resetLinkUsedInTwentyTabs0123456789abcdef';
    await PasswordResetModel.create({
      user: ana.id,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const tabs = Array.from({ length: 20 }, () => new TestClient(app));
    await Promise.all(tabs.map((client) => client.csrf()));

    const passwords = tabs.map((_, i) => `a new password from tab ${i}`);
    const answers = await Promise.all(
      tabs.map((client, i) =>
        client.post(`/password/reset/${token}`, { password: passwords[i]!, passwordConfirm: passwords[i]! }),
      ),
    );

    expect(statuses(answers)).to.deep.equal({ 303: 1, 400: 19 });
    expect(await AuditModel.countDocuments({ action: 'user.password-reset' })).to.equal(1);
    const { passwordHash } = (await UserModel.findById(ana.id).lean())!;
    const matching = await Promise.all(passwords.map((p) => verifyPassword(p, passwordHash)));
    expect(matching.filter(Boolean)).to.have.length(1);
    expect(matching.indexOf(true)).to.equal(answers.findIndex((r) => r.status === 303));
  });

  it('when ten approvals and ten rejections of one join request race, then one decision, one audit entry, one mail', async () => {
    const mila = await createPerson({
      name: 'Mila Member',
      email: 'mila@example.org',
      memberships: [{ network: smart, status: 'pending' }],
    });
    const request = (await MembershipModel.findOne({ user: mila.id }).lean())!;
    // One session per tab: requests sharing a session race on it (each decision leaves a flash notice).
    const tabs: TestClient[] = [];
    for (let i = 0; i < 20; i += 1) tabs.push(await TestClient.signedIn(app, 'sophie@example.org'));
    const path = `/networks/smart-be/admin/members/${request._id.toString()}`;

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0 ? tabs[i]!.post(`${path}/approve`, { category: 'resident' }) : tabs[i]!.post(`${path}/reject`, {}),
      ),
    );

    expect(statuses(answers)).to.deep.equal({ 303: 20 });
    const decided = (await MembershipModel.findById(request._id).lean())!;
    const audits = await AuditModel.find({ action: { $in: ['membership.approve', 'membership.reject'] } }).lean();
    expect(audits).to.have.length(1);
    expect(audits[0]!.action).to.equal(decided.status === 'active' ? 'membership.approve' : 'membership.reject');
    expect(await OutboxModel.countDocuments({ to: 'mila@example.org' })).to.equal(1);
  });

  it('when 30 wrong passwords for one account arrive at once, then exactly ten are checked and twenty refused', async () => {
    await createPerson({ name: 'Ana Lopes', email: 'ana@example.org' });
    const tabs = Array.from({ length: 30 }, () => new TestClient(app));
    await Promise.all(tabs.map((client) => client.csrf()));

    const answers = await Promise.all(
      tabs.map((client, i) => client.post('/login', { email: 'ana@example.org', password: `wrong ${i}` })),
    );

    // 401: the password was checked and wrong; 429: refused before any check.
    expect(statuses(answers)).to.deep.equal({ 401: 10, 429: 20 });
    expect(await attempts.count('login:account:ana@example.org:from:127.0.0.1:')).to.equal(10);
    expect(await attempts.count('login:address:')).to.equal(10);
  });

  it('when 20 revocations of one API token run at once, then it is revoked once, audited once', async () => {
    const sophie = (await UserModel.findOne({ email: 'sophie@example.org' }).lean())!;
    const token = await ApiTokenModel.create({
      user: sophie._id,
      name: 'sync script',
      tokenHash: hashSecret('psl_tokenRevokedInTwentyTabs0123456789'),
      prefix: 'psl_tokenRev',
    });
    const tabs: TestClient[] = [];
    for (let i = 0; i < 20; i += 1) tabs.push(await TestClient.signedIn(app, 'sophie@example.org'));

    const answers = await Promise.all(
      tabs.map((client) => client.post(`/me/tokens/${token._id.toString()}/revoke`, {})),
    );

    expect(statuses(answers)).to.deep.equal({ 303: 20 });
    expect((await ApiTokenModel.findById(token._id).lean())!.revokedAt).to.be.instanceOf(Date);
    expect(await AuditModel.countDocuments({ action: 'token.revoke' })).to.equal(1);
  });
});
