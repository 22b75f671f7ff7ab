// Bad input to the directory: a clear, translated 400, never a 500, and never an operator reaching the database.
import { expect } from 'chai';
import { LocationModel } from '../../server/locations/location.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('bad input to the directory (integration)', function () {
  let app: TestApp;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, 'over-entinghe-dwingeloo'));
    app = await startTestApp();
  });
  after(async () => app.close());

  const cases: [string, string, string][] = [
    ['bbox=1,2,3', 'bbox', 'bbox'],
    ['bbox=a,b,c,d', 'bbox', 'bbox'],
    ['bbox=10,50,5,52', 'bbox', 'bbox'],
    ['bbox=0,-95,10,50', 'bbox', 'bbox'],
    ['zoom=23', 'zoom', 'zoom'],
    ['zoom=-1', 'zoom', 'zoom'],
    ['zoom=1.5', 'zoom', 'zoom'],
    ['openAt=2026-02-30T10:00', 'openAt', 'openAt'],
    ['openAt=tomorrow', 'openAt', 'openAt'],
    ['openAt=2026-12-01T10:00%2B99:99', 'openAt', 'openAt'],
    ['openAt=2026-12-01T10:00:60Z', 'openAt', 'openAt'],
    ['lang=xx', 'lang', 'lang'],
    [`q=${'a'.repeat(201)}`, 'q', 'qTooLong'],
    ['q=a&q=b', 'q', 'q'],
    ['q[$gt]=', 'q[$gt]', 'operator'],
    ['$where=1', '$where', 'operator'],
    ['type=castle', 'type', 'type'],
    ['country=Belgium', 'country', 'country'],
  ];

  for (const [query, field, key] of cases) {
    it(`when the API gets "${query.slice(0, 40)}", then it answers 400 naming ${field}, in the reader's language`, async () => {
      const res = await app.get(`/api/v1/locations?${query}`, { headers: { 'accept-language': 'fr' } });
      expect(res.status).to.equal(400);
      const body = (await res.json()) as { error: { code: string; details: { field: string; message: string }[] } };
      expect(body.error.code).to.equal('bad_request');
      const detail = body.error.details.find((d) => d.field.startsWith(field));
      expect(detail, JSON.stringify(body)).to.not.equal(undefined);
      expect(detail!.message).to.equal(localeText('fr', `errors:validation.${key}`).replace('{{field}}', field));
    });
  }

  it('when the home page gets a malformed map area, then it shows a translated error page with status 400', async () => {
    const res = await app.get('/?bbox=1,2,3&lang=nl');
    expect(res.status).to.equal(400);
    const html = await res.text();
    expect(html).to.include(localeText('nl', 'errors:validation.bbox'));
    expect(html).to.match(/<html lang="nl">/);
  });

  it('when bad input is sent, then nothing in the database changes', async () => {
    const before = await LocationModel.find({}).lean();
    await app.get('/api/v1/locations?q[$gt]=&name[$ne]=x');
    await app.get('/api/v1/locations/%24where');
    expect(await LocationModel.find({}).lean()).to.deep.equal(before);
  });
});
