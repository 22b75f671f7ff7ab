// Bodies the parsers refuse (too large, malformed JSON): the site's translated error page or the API's JSON error,
// for a signed-in person and an anonymous visitor alike, and nothing stored.
import { expect } from 'chai';
import { LocationModel } from '../../server/locations/location.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** Past the parsers' 200 kB limit. */
const TOO_LARGE = `name=${'x'.repeat(300 * 1024)}`;
const MALFORMED_JSON = '{"name": ';

describe('bodies the parsers refuse (integration)', function () {
  let app: TestApp;
  let signedIn: TestClient;
  let anonymous: TestClient;

  before(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    await createPerson({
      name: 'Nora Netwerk',
      email: 'nora@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    app = await startTestApp();
    signedIn = await TestClient.signedIn(app, 'nora@example.org');
    anonymous = new TestClient(app);
  });
  after(async () => app.close());

  const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
  const json = { 'content-type': 'application/json', accept: 'application/json' };

  for (const who of ['a signed-in', 'an anonymous'] as const) {
    const client = () => (who === 'a signed-in' ? signedIn : anonymous);

    it(`when ${who} reader sends a form too large, then a translated 413 page is shown`, async () => {
      const res = await client().request('/manage/locations/new?lang=nl', {
        method: 'POST',
        headers: form,
        body: TOO_LARGE,
      });
      expect(res.status).to.equal(413);
      const html = await res.text();
      expect(html).to.match(/<html lang="nl">/);
      expect(html).to.include(localeText('nl', 'errors:payloadTooLarge'));
      // The page is the site's own, with the header a signed-in person sees (their logout form and its token).
      if (who === 'a signed-in') expect(html).to.match(/action="\/logout"[\s\S]*name="_csrf" value="[^"]+"/);
      else expect(html).to.include('href="/login"');
    });

    it(`when ${who} reader's page sends malformed JSON, then a translated 400 page is shown`, async () => {
      const res = await client().request('/manage/locations/new?lang=fr', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/html' },
        body: MALFORMED_JSON,
      });
      expect(res.status).to.equal(400);
      const html = await res.text();
      expect(html).to.match(/<html lang="fr">/);
      expect(html).to.include(localeText('fr', 'errors:badRequest'));
    });

    for (const [what, body, status, code, key] of [
      ['malformed JSON', MALFORMED_JSON, 400, 'bad_request', 'badRequest'],
      [
        'a body too large',
        JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
        413,
        'payload_too_large',
        'payloadTooLarge',
      ],
    ] as const) {
      it(`when ${who} client sends the API ${what}, then it answers ${status} in the JSON error shape`, async () => {
        const res = await client().request('/api/v1/locations?lang=de', {
          method: 'POST',
          headers: json,
          body,
        });
        expect(res.status).to.equal(status);
        expect(await res.json()).to.deep.equal({
          error: { code, message: localeText('de', `errors:${key}`), details: [] },
        });
      });
    }
  }

  it('when bodies are refused, then nothing is stored', async () => {
    expect(await LocationModel.countDocuments()).to.equal(0);
  });
});
