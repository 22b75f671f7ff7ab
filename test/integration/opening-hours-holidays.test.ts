// Opening hours that name school holidays (SH), written through the API: read for the place's region where the
// library knows it, refused with a translated message where it has no calendar, and never an error on the console.
import { expect } from 'chai';
import { ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { hashSecret } from '../../server/shared/db/secret-token.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const munich = (address: Record<string, string>) => ({
  network: 'smart-be',
  language: 'de',
  name: { de: 'Werkraum München' },
  type: 'coworking',
  model: { governance: 'partner', openness: 'public', spaceKind: 'shared-workspace' },
  address: { locality: 'München', countryCode: 'DE', ...address },
  coordinates: { lat: 48.1374, lng: 11.5755 },
  timeZone: 'Europe/Berlin',
  openingHours: 'Mo-Fr 09:00-17:00; SH off',
});

describe('opening hours with school holidays (integration)', function () {
  let app: TestApp;
  let apiToken: string;
  let printed: string[];
  const saved = { log: console.log, warn: console.warn, error: console.error };

  beforeEach(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    const admin = await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    apiToken = `psl_test${admin.id.toString()}`;
    await ApiTokenModel.create({ user: admin.id, name: 'script', tokenHash: hashSecret(apiToken), prefix: 'psl_test' });
    app = await startTestApp();
    printed = [];
    const capture = (...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    };
    Object.assign(console, { log: capture, warn: capture, error: capture });
  });
  afterEach(async () => {
    Object.assign(console, saved);
    await app.close();
  });

  const post = (body: unknown) =>
    new TestClient(app).json('POST', '/api/v1/locations?lang=nl', body, { token: apiToken });

  it('when a place in a German Land the library knows names school holidays, then it is stored', async () => {
    const res = await post(munich({ region: 'Bayern' }));

    expect(res.status).to.equal(201);
    const { slug } = (await res.json()) as { slug: string };
    expect((await LocationModel.findOne({ slug }).lean())!.openingHours).to.equal('Mo-Fr 09:00-17:00; SH off');
    expect(printed).to.deep.equal([]);
  });

  it('when the region is unknown to the library, then a translated 400 says so, nothing is stored, nothing printed', async () => {
    const res = await post(munich({}));

    expect(res.status).to.equal(400);
    const { error } = (await res.json()) as { error: { details: { field: string; message: string }[] } };
    expect(error.details).to.deep.include({
      field: 'openingHours',
      message: localeText('nl', 'manage:validation.openingHoursHolidays'),
    });
    expect(await LocationModel.countDocuments()).to.equal(0);
    expect(printed).to.deep.equal([]);
  });
});
