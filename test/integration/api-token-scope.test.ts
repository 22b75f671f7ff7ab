// Personal API tokens outside the JSON API: pages and forms refuse them, in the reader's language, and never act as
// the token's owner nor fall back to the browser's session; on the API they keep working.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { OutboxModel } from '../../server/mail/outbox.model.ts';
import { createApiToken } from '../support/authorization-world.ts';
import { clearDatabase } from '../support/database.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** The refusal's text; no language's version holds a character that the page would escape. */
const refusal = (lang: string) => localeText(lang, 'errors:tokenOutsideApi');

describe('API tokens outside the API (integration)', function () {
  let app: TestApp;
  let ines: { id: Types.ObjectId; email: string };
  let token: string;

  beforeEach(async () => {
    await clearDatabase();
    app = await startTestApp();
    ines = await createPerson({ name: 'Ines Instance', email: 'ines@example.org', instanceAdmin: true });
    ({ token } = await createApiToken(ines.id, 'listing sync'));
  });
  afterEach(async () => app.close());

  const lastUsed = async () => (await ApiTokenModel.findOne({ user: ines.id }).lean().orFail()).lastUsedAt;

  it('when a script reads an admin’s pages with her token, then each is refused in its language and shows nothing of hers', async () => {
    await OutboxModel.create({
      to: 'tara@example.org',
      subject: 'Reset your password',
      text: 'http://127.0.0.1/password/reset/secret-link',
      sentAt: new Date(),
    });
    const cases = [
      { path: '/admin/outbox', lang: 'fr', scheme: 'Bearer' },
      { path: '/me', lang: 'de', scheme: 'Bearer' },
      { path: '/', lang: 'nl', scheme: 'Bearer' },
      // The scheme's case does not matter (RFC 9110), so it cannot be used to slip past.
      { path: '/me', lang: 'en', scheme: 'bearer' },
    ];
    for (const { path, lang, scheme } of cases) {
      const res = await app.get(path, { headers: { authorization: `${scheme} ${token}`, 'accept-language': lang } });
      const html = await res.text();
      expect(res.status, `${scheme} ${path}`).to.equal(403);
      expect(html, path).to.include(refusal(lang));
      expect(html, path).to.not.include('secret-link').and.not.include(ines.email);
    }
    expect(await lastUsed(), 'a refused token is not recorded as used').to.equal(undefined);
  });

  it('when a script asks for JSON outside the API with a token, then it gets the API’s error shape, the same for a bad token', async () => {
    for (const sent of [token, 'psl_not-a-token']) {
      const res = await app.get('/me/export.json', {
        headers: { authorization: `Bearer ${sent}`, accept: 'application/json', 'accept-language': 'nl' },
      });
      expect(res.status).to.equal(403);
      expect(await res.json()).to.deep.equal({
        error: { code: 'token_outside_api', message: localeText('nl', 'errors:tokenOutsideApi'), details: [] },
      });
    }
  });

  it('when a signed-in browser also sends a token with a form, then the form is refused and the session is untouched', async () => {
    const browser = new TestClient(app);
    await browser.login(ines.email, TEST_PASSWORD);
    const csrf = await browser.csrf();

    const res = await browser.request('/me/profile', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, name: 'Renamed by a script', preferredLanguage: 'en' }),
    });

    expect(res.status).to.equal(403);
    expect(await res.text()).to.include(refusal('en'));
    expect((await UserModel.findById(ines.id).lean().orFail()).name).to.equal('Ines Instance');
    expect((await browser.get('/me')).status, 'still signed in without the token').to.equal(200);
  });

  it('when a script uses the token on the API, then it acts as its owner and is recorded as used', async () => {
    const res = await app.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });

    expect(res.status).to.equal(200);
    expect(((await res.json()) as { email: string }).email).to.equal(ines.email);
    // Recording the use does not hold up the answer, so it may land just after it.
    const deadline = Date.now() + 3000;
    while (!(await lastUsed()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await lastUsed()).to.be.instanceOf(Date);
  });
});
