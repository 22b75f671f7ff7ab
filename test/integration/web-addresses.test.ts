// Web addresses of listings and networks, through the forms, the API and the imports: stored as the URL parser writes
// them (http or https only), and anything that is no web address is a translated field error that stores nothing.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { insertLocations } from '../../server/locations/index.ts';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { NetworkModel } from '../../server/networks/network.model.ts';
import { ensureNetworks } from '../../server/networks/index.ts';
import { AppError } from '../../server/shared/errors/app-error.ts';
import { hashSecret } from '../../server/shared/db/secret-token.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const newPlace = {
  network: 'smart-be',
  language: 'fr',
  name: { fr: 'La Fonderie Namur' },
  type: 'coworking',
  model: { governance: 'partner', openness: 'public', spaceKind: 'shared-workspace' },
  address: { locality: 'Namur', countryCode: 'BE' },
  coordinates: { lat: 50.4669, lng: 4.8675 },
  timeZone: 'Europe/Brussels',
};

/** Addresses that are no web address a listing may link to, and why. */
const NOT_WEB_ADDRESSES: [string, string][] = [
  ['a script', 'javascript:alert(1)'],
  ['a space in the host', 'https://exa mple.org'],
  ['no host', 'http://'],
  ['another protocol', 'ftp://example.org/file'],
  ['a relative address', '/about'],
  ['a user name that hides the real host', 'https://bank.example@evil.example/'],
  ['a host without a domain', 'http://localhost:3000/'],
];

type ErrorBody = { error: { code: string; details: { field: string; message: string }[] } };

describe('web addresses of listings and networks (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let apiToken: string;

  beforeEach(async () => {
    await clearDatabase();
    networks = await createNetworks();
    const admin = await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    apiToken = `psl_test${admin.id.toString()}`;
    await ApiTokenModel.create({ user: admin.id, name: 'script', tokenHash: hashSecret(apiToken), prefix: 'psl_test' });
    await createPerson({ name: 'Iris Admin', email: 'iris@example.org', instanceAdmin: true });
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  const postLocation = (body: unknown) =>
    new TestClient(app).json('POST', '/api/v1/locations?lang=nl', body, { token: apiToken });

  it('when a listing is sent with spaces, quotes and angle brackets in its website, then it is stored percent-encoded', async () => {
    const res = await postLocation({
      ...newPlace,
      contact: { website: ' https://Example.org/a b/"x"<y>?q=1 2#top ' },
    });

    expect(res.status, await res.clone().text()).to.equal(201);
    const { slug } = (await res.json()) as { slug: string };
    const stored = await LocationModel.findOne({ slug }).lean<Location>();
    expect(stored!.contact).to.deep.include({ website: 'https://example.org/a%20b/%22x%22%3Cy%3E?q=1%202#top' });
  });

  for (const [situation, website] of NOT_WEB_ADDRESSES) {
    it(`when a listing's website is ${situation}, then the API answers a translated 400 naming it and stores nothing`, async () => {
      const res = await postLocation({ ...newPlace, contact: { website } });

      expect(res.status).to.equal(400);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.details).to.deep.include({
        field: 'contact.website',
        message: localeText('nl', 'manage:validation.url'),
      });
      expect(await LocationModel.countDocuments()).to.equal(0);
    });
  }

  it('when a network is created with a website and a logo that need encoding, then both are stored as parsed', async () => {
    const iris = await TestClient.signedIn(app, 'iris@example.org');

    const res = await iris.post('/admin/networks/new', {
      language: 'nl',
      name_nl: 'Dorpshuizen in Friesland',
      countryCode: 'NL',
      website: 'https://dorpshuizen.example.org/over ons',
      logoUrl: 'https://dorpshuizen.example.org/logo "groot".png',
    });

    expect(res.status).to.equal(303);
    const stored = await NetworkModel.findOne({ slug: 'dorpshuizen-in-friesland' }).lean();
    expect(stored).to.include({
      website: 'https://dorpshuizen.example.org/over%20ons',
      logoUrl: 'https://dorpshuizen.example.org/logo%20%22groot%22.png',
    });
  });

  it("when a network's website is no web address, then the form comes back with a translated error and nothing is stored", async () => {
    const iris = await TestClient.signedIn(app, 'iris@example.org');

    const res = await iris.post('/admin/networks/new?lang=de', {
      language: 'nl',
      name_nl: 'Dorpshuizen in Friesland',
      website: 'javascript:alert(1)',
    });

    expect(res.status).to.equal(400);
    expect(await res.text()).to.include(localeText('de', 'networks:validation.website'));
    expect(await NetworkModel.countDocuments({ slug: 'dorpshuizen-in-friesland' })).to.equal(0);
  });

  it('when an import carries websites, then they are stored as parsed; one that does not parse refuses the import whole', async () => {
    const good = realPlace(networks, 'lavallee-bruxelles', { contact: { website: 'https://lavallee.example/a b' } });
    const bad = realPlace(networks, 'over-entinghe-dwingeloo', { contact: { website: 'http://' } });

    const refused = await insertLocations([good, bad]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(AppError);
    expect((refused as AppError).details).to.deep.equal([{ field: '1.contact.website', key: 'manage:validation.url' }]);
    expect(await LocationModel.countDocuments()).to.equal(0);

    await insertLocations([good]);
    const stored = await LocationModel.findOne({ slug: 'lavallee-bruxelles' }).lean<Location>();
    expect(stored!.contact).to.deep.equal({ website: 'https://lavallee.example/a%20b' });
  });

  it('when networks are imported, then their web addresses are stored as parsed; a logo over plain http refuses them', async () => {
    const network = (slug: string, fields: object) => ({
      _id: new NetworkModel()._id,
      slug,
      language: 'nl',
      name: { nl: slug },
      ...fields,
    });

    const refused = await ensureNetworks([network('logo-http', { logoUrl: 'http://example.org/logo.png' })]).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((refused as AppError).details).to.deep.equal([{ field: '0.logoUrl', key: 'networks:validation.logoUrl' }]);
    expect(await NetworkModel.countDocuments({ slug: 'logo-http' })).to.equal(0);

    await ensureNetworks([network('imported', { website: 'HTTPS://Imported.Example' })]);
    expect(await NetworkModel.findOne({ slug: 'imported' }).lean()).to.include({
      website: 'https://imported.example/',
    });
  });
});
