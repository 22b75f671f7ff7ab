// Invariants under concurrent requests, on the real database: each is a claim by unique key, so exactly one wins.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { PasswordResetModel } from '../../server/auth/password-reset.model.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { hashSecret } from '../../server/shared/db/secret-token.ts';
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
    const people = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await createPerson({ name: `Person ${i}`, email: `person${i}@example.org` });
        return TestClient.signedIn(app, `person${i}@example.org`);
      }),
    );
    const tabs = people.flatMap((client) => Array.from({ length: 5 }, () => client));
    await Promise.all(tabs.map((client) => client.csrf()));

    const answers = await Promise.all(tabs.map((client) => client.post(`/invitations/${token}/accept`, {})));

    expect(statuses(answers)).to.deep.equal({ 303: 1, 410: 49 });
    const admins = await MembershipModel.find({ network: smart, networkAdmin: true }).lean();
    expect(admins).to.have.length(2); // Sophie and the one who won
    expect(await MembershipModel.countDocuments({ network: smart })).to.equal(2);
    expect(await AuditModel.countDocuments({ action: 'invitation.accept' })).to.equal(1);
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
});
