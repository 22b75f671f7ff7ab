// Logging in and out against the real database: sessions, renewal, rate limits, translated errors.
import { expect } from 'chai';
import { SessionModel } from '../../server/auth/session-store.ts';
import { clearDatabase } from '../support/database.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

describe('logging in (integration)', function () {
  let app: TestApp;

  beforeEach(async () => {
    await clearDatabase();
    app = await startTestApp();
    await createPerson({ name: 'Ana Lopes', email: 'ana@example.org' });
  });
  afterEach(async () => app.close());

  it('when the right password is given, then the session id is renewed and the account menu shows', async () => {
    const client = new TestClient(app);
    await client.csrf(); // An anonymous session exists now, holding the CSRF token.
    const before = await SessionModel.find().lean();
    await client.login('ANA@example.org ', TEST_PASSWORD);
    const after = await SessionModel.find().lean();
    expect(after.map((s) => s._id)).not.to.include.members(before.map((s) => s._id));
    const home = await (await client.get('/?lang=en')).text();
    expect(home).to.include(localeText('en', 'common:nav.logout'));
  });

  it("when the password is wrong, then the form says so in the reader's language and no one is signed in", async () => {
    const client = new TestClient(app);
    const res = await client.post('/login?lang=nl', { email: 'ana@example.org', password: 'wrong' });
    expect(res.status).to.equal(401);
    expect(await res.text()).to.include(localeText('nl', 'auth:login.failed'));
    expect(await (await client.get('/')).text()).not.to.include(localeText('nl', 'common:nav.logout'));
  });

  it('when a form is sent without its CSRF token, then it is refused and nothing happens', async () => {
    const client = new TestClient(app);
    const res = await client.post('/login', { email: 'ana@example.org', password: TEST_PASSWORD }, { csrf: false });
    expect(res.status).to.equal(403);
    expect(await SessionModel.countDocuments({ userId: { $ne: null } })).to.equal(0);
  });

  it('when an account gets more than ten wrong passwords, then further attempts are refused with a clear message', async () => {
    const client = new TestClient(app);
    for (let i = 0; i < 10; i += 1) {
      expect((await client.post('/login', { email: 'ana@example.org', password: `wrong ${i}` })).status).to.equal(401);
    }
    const res = await client.post('/login?lang=fr', { email: 'ana@example.org', password: TEST_PASSWORD });
    expect(res.status).to.equal(429);
    expect(await res.text()).to.include(localeText('fr', 'errors:tooManyRequests').split('{{')[0]!);
  });

  it('when a person logs out, then the session is gone and the next page is anonymous', async () => {
    const client = new TestClient(app);
    await client.login('ana@example.org', TEST_PASSWORD);
    const res = await client.post('/logout', {});
    expect(res.status).to.equal(303);
    expect(await SessionModel.countDocuments({ userId: { $ne: null } })).to.equal(0);
    expect(await (await client.get('/?lang=en')).text()).not.to.include(localeText('en', 'common:nav.logout'));
  });
});
