// Exports of the directory's list: the page's own search as CSV and GeoJSON, parsed back and compared with the list.
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { demoLocationDocuments } from '../../server/demo/seed.ts';

interface Feature {
  type: string;
  geometry: { type: string; coordinates: number[] };
  properties: Record<string, unknown> & { nameMap: Record<string, string>; source: Record<string, string> };
}

/** The GeoJSON rules an export must keep (RFC 7946): a collection of point features, longitude first, in range. */
function expectValidGeoJson(collection: { type: string; features: Feature[] }) {
  expect(collection.type).to.equal('FeatureCollection');
  for (const feature of collection.features) {
    expect(feature.type).to.equal('Feature');
    expect(feature.geometry.type).to.equal('Point');
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    expect(feature.geometry.coordinates).to.have.length(2);
    expect(lng).to.be.within(-180, 180);
    expect(lat).to.be.within(-90, 90);
  }
}

describe('open data exports (integration)', function () {
  let app: TestApp;
  let frenchCount: number;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    app = await startTestApp();
    const docs = demoLocationDocuments(networks);
    frenchCount = docs.filter((d) => d.address.countryCode === 'FR').length;
    const formula = realPlace(networks, (d) => d.address.countryCode === 'BE', {
      slug: 'formula-place',
      name: { nl: '=HYPERLINK("http://evil.example","klik")', fr: 'Lieu sûr' },
      language: 'nl',
      openingHours: 'Mo,Tu 09:00-17:00',
    });
    await insertPlaces(...docs, formula);
    await app.directory.follower.poll();
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  it('when the French places are exported as CSV, then every place found is a row, with a BOM and a column per language', async () => {
    const response = await app.get('/exports/locations.csv?country=FR');
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).to.include('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parse<Record<string, string>>(Buffer.from(bytes), { columns: true, bom: true });
    expect(rows).to.have.length(frenchCount);
    expect(Number(response.headers.get('x-result-count'))).to.equal(frenchCount);
    expect(Object.keys(rows[0]!)).to.include.members(['name_en', 'name_nl', 'name_fr', 'name_de', 'description_fr']);
    const cget = rows.find((r) => r.source_name?.startsWith('CGET'));
    expect(cget?.licence).to.equal('Licence Ouverte / Open Licence 2.0 (Etalab)');
    expect(rows.every((r) => r.country === 'FR')).to.equal(true);
  });

  it('when a name starts like a formula, then its CSV cell is neutralised and its GeoJSON text kept as written', async () => {
    const csv = await (await app.get('/exports/locations.csv?q=Lieu+s%C3%BBr')).text();
    const [row] = parse<Record<string, string>>(csv, { columns: true, bom: true });
    expect(row?.name_nl).to.equal(`'=HYPERLINK("http://evil.example","klik")`);
    expect(row?.name_fr).to.equal('Lieu sûr');

    const geo = (await (await app.get('/exports/locations.geojson?q=Lieu+s%C3%BBr')).json()) as { features: Feature[] };
    expect(geo.features[0]?.properties.nameMap.nl).to.equal('=HYPERLINK("http://evil.example","klik")');
  });

  it('when the whole directory is exported as GeoJSON, then it is valid, counts the list, and credits every source', async () => {
    const page = await (await app.get('/?lang=en')).text();
    const total = Number(/data-total="(\d+)"/.exec(page)?.[1]);
    const response = await app.get('/exports/locations.geojson');
    expect(response.headers.get('content-type')).to.match(/^application\/geo\+json/);
    const collection = (await response.json()) as {
      type: string;
      features: Feature[];
      sources: { name: string; licence?: string }[];
    };
    expectValidGeoJson(collection);
    expect(collection.features).to.have.length(total);
    const names = collection.sources.map((s) => s.name);
    expect(names.some((n) => n.startsWith('CGET'))).to.equal(true);
    expect(new Set(collection.features.map((f) => f.properties.source.name))).to.deep.equal(new Set(names));
  });

  it('when the list is shown, then it links to the same search as files', async () => {
    const html = await (await app.get('/?country=FR&type=fablab&lang=en')).text();
    expect(html).to.include('href="/exports/locations.csv?country=FR&amp;type=fablab&amp;lang=en"');
    expect(html).to.include(localeText('en', 'opendata:export.download'));
  });

  it('when a place page with plain weekly hours is read, then it carries a schema.org Place with its hours', async () => {
    const html = await (await app.get('/locations/formula-place?lang=en')).text();
    const block = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
    expect(block).to.be.a('string');
    expect(block).to.not.include('<');
    const place = JSON.parse(block!) as Record<string, unknown> & { name: { '@language': string; '@value': string }[] };
    expect(place['@type']).to.equal('Place');
    expect(place.name).to.deep.include({ '@language': 'fr', '@value': 'Lieu sûr' });
    expect(place.geo).to.include({ '@type': 'GeoCoordinates' });
    expect(place.openingHoursSpecification).to.deep.include({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: ['https://schema.org/Monday', 'https://schema.org/Tuesday'],
      opens: '09:00',
      closes: '17:00',
    });
  });

  it('when the search is malformed, then the export is refused with the translated error and no file', async () => {
    const response = await app.get('/exports/locations.csv?bbox=1,2,3&lang=de');
    expect(response.status).to.equal(400);
    expect(response.headers.get('content-disposition')).to.equal(null);
    expect(await response.text()).to.include(localeText('de', 'errors:validation.bbox'));
  });
});
