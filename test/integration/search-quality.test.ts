// Search quality through HTTP against the real database: ranked list, type and region words, place names in the
// reader's language on the page and in the map API, and the nearest places offered when nothing matches.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { demoLocationDocuments, type DemoLocationDocument } from '../../server/demo/seed.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, locality, realPlace } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

interface Collection {
  features: { properties: { cluster: boolean; slug?: string; locality?: string } }[];
}

/** The slugs of the page's list, in the order shown. */
const listedSlugs = (html: string) => [...html.matchAll(/class="location-item" data-slug="([^"]+)"/g)].map((m) => m[1]);

describe('search quality (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  const sync = () => app.directory.follower.poll();
  const page = async (query: string) => {
    const res = await app.get(`/${query}`);
    expect(res.status, query).to.equal(200);
    return res.text();
  };

  it('when "Paris fablab" is searched, then fablabs in Paris are listed before the Cluny places on rue Porte de Paris', async () => {
    const all = demoLocationDocuments(networks);
    const parisFablabs = all.filter((p) => p.address.locality === 'Paris' && p.type === 'fablab').slice(0, 3);
    const inCluny = all.filter((p) => p.address.locality === 'Cluny');
    expect(inCluny.map((p) => p.address.street)).to.deep.equal(['Rue Porte de Paris', '2 rue porte de Paris']);
    await insertPlaces(...inCluny, ...parisFablabs);
    await sync();

    const listed = listedSlugs(await page('?q=Paris+fablab'));

    expect(listed.slice(0, 3)).to.have.members(parisFablabs.map((p) => p.slug));
    expect(listed.slice(3)).to.have.members(inCluny.map((p) => p.slug));
  });

  it('when a type or region is searched in another language, then the places of that type or region are found', async () => {
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo'),
      realPlace(networks, 'de-veldkei-havelte'),
      realPlace(networks, 'lavallee-bruxelles'),
    );
    await sync();
    const drenthe = ['de-veldkei-havelte', 'over-entinghe-dwingeloo'];

    for (const q of ['Dorfgemeinschaftshaus', 'salle communale', 'village hall', 'Drenthe', 'Drente']) {
      const body = (await (await app.get(`/api/v1/locations?zoom=22&q=${encodeURIComponent(q)}`)).json()) as Collection;
      expect(body.features.map((f) => f.properties.slug).sort(), q).to.deep.equal(drenthe);
    }
  });

  it('when a Dutch reader lists and maps places in Brussels and Liège, then the towns read "Brussel" and "Luik"', async () => {
    const liege = locality('Liège', 'BE');
    await insertPlaces(
      realPlace(networks, 'lavallee-bruxelles'),
      realPlace(networks, 'brussels-art-factory-bruxelles', {
        slug: 'test-place-liege',
        address: { locality: liege.locality, countryCode: 'BE' },
        coordinates: { lat: liege.lat, lng: liege.lng, approximate: true },
      }),
    );
    await sync();

    const dutch = await page('?lang=nl&country=BE');
    expect(dutch).to.include('Coworkingruimte · Brussel, BE').and.to.include('Coworkingruimte · Luik, BE');
    const french = await page('?lang=fr&country=BE');
    expect(french).to.include(' · Bruxelles, BE').and.to.include(' · Liège, BE');
    const body = (await (await app.get('/api/v1/locations?zoom=22&country=BE&lang=nl')).json()) as Collection;
    expect(body.features.map((f) => f.properties.locality).sort()).to.deep.equal(['Brussel', 'Luik']);
  });

  it('when nothing matches, then the page offers the places nearest to the town the words name, and a wider search', async () => {
    const places: DemoLocationDocument[] = [
      realPlace(networks, 'over-entinghe-dwingeloo'),
      realPlace(networks, 'de-veldkei-havelte'),
      realPlace(networks, 'lavallee-bruxelles'),
    ];
    await insertPlaces(...places);
    await sync();

    const html = await page('?lang=nl&q=zwembad+Dwingeloo&type=village-hall');

    expect(html).to.include('Dichtstbijzijnde plekken bij Dwingeloo');
    expect(html).to.match(/href="\/locations\/over-entinghe-dwingeloo"[^]*href="\/locations\/de-veldkei-havelte"/);
    expect(html).to.not.include('href="/locations/lavallee-bruxelles"');
    expect(html).to.include('href="/?lang=nl&amp;type=village-hall"');
    expect(html).to.include('Alle plekken tonen die aan de andere filters voldoen');
  });
});
