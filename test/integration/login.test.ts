// Logging in and out against the real database: sessions, renewal, rate limits, translated errors.
import { expect } from 'chai';
import { SessionModel } from '../../server/auth/session-store.ts';
import { attempts } from '../../server/shared/http/rate-limit.ts';
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
    expect(await res.text()).to.include(localeText('fr', 'errors:tooManyRequests_other').split('{{')[0]!);
  });

  it('when an attacker elsewhere exhausts the wrong passwords for an account, then its owner can still sign in', async () => {
    // Behind a proxy on loopback, whose X-Forwarded-For names each client.
    const proxied = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
    try {
      const attacker = new TestClient(proxied, { 'x-forwarded-for': '203.0.113.7' });
      for (let i = 0; i < 10; i += 1) {
        expect((await attacker.post('/login', { email: 'ana@example.org', password: `wrong ${i}` })).status).to.equal(
          401,
        );
      }
      const refused = await attacker.post('/login', { email: 'ana@example.org', password: TEST_PASSWORD });
      expect(refused.status, 'the attacker is refused').to.equal(429);

      const ana = new TestClient(proxied, { 'x-forwarded-for': '198.51.100.20' });
      const res = await ana.post('/login?lang=en', { email: 'ana@example.org', password: TEST_PASSWORD });
      expect(res.status, 'the owner signs in from her own address').to.equal(303);
      expect(await (await ana.get('/?lang=en')).text()).to.include(localeText('en', 'common:nav.logout'));
    } finally {
      await proxied.close();
    }
  });

  it('when no proxy is trusted, then an X-Forwarded-For header does not change the address attempts are counted under', async () => {
    const client = new TestClient(app, { 'x-forwarded-for': '203.0.113.7' });
    expect((await client.post('/login', { email: 'ana@example.org', password: 'wrong' })).status).to.equal(401);
    expect(await attempts.count('login:address:127.0.0.1:')).to.equal(1);
    expect(await attempts.count('login:address:203.0.113.7:')).to.equal(0);
  });

  it('when a proxy on loopback is trusted, then attempts are counted under the address it forwards', async () => {
    const proxied = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
    try {
      const client = new TestClient(proxied, { 'x-forwarded-for': '203.0.113.7' });
      expect((await client.post('/login', { email: 'ana@example.org', password: 'wrong' })).status).to.equal(401);
      expect(await attempts.count('login:address:203.0.113.7:')).to.equal(1);
      expect(await attempts.count('login:account:ana@example.org:from:203.0.113.7:')).to.equal(1);
    } finally {
      await proxied.close();
    }
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
