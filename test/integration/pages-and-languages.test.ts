// Pages, languages and the location API against the real database: what a reader sees, in which language.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

describe('pages and languages (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    app = await startTestApp();
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'Mo-Fr 09:00-17:00' }),
      realPlace(networks, 'lavallee-bruxelles'),
    );
    await app.directory.follower.poll();
  });
  afterEach(async () => app.close());

  it('when ?lang=nl is given, then the page is Dutch, says so in <html lang>, lists hreflang alternates and remembers the choice', async () => {
    const res = await app.get('/?lang=nl');
    const html = await res.text();
    expect(html).to.match(/<html lang="nl">/);
    expect(html).to.include(localeText('nl', 'directory:heading'));
    for (const lang of ['en', 'nl', 'fr', 'de']) {
      expect(html).to.include(`hreflang="${lang}" href="${app.baseUrl}/?lang=${lang}"`);
    }
    expect(html).to.include(`hreflang="x-default" href="${app.baseUrl}/"`);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/lang=nl/);

    const again = await (await app.get('/', { headers: { cookie: 'lang=nl', 'accept-language': 'de' } })).text();
    expect(again).to.match(/<html lang="nl">/);
  });

  it('when no language is chosen, then Accept-Language decides, and an unsupported one falls back to English', async () => {
    const german = await (await app.get('/', { headers: { 'accept-language': 'de-CH,de;q=0.9,en;q=0.5' } })).text();
    expect(german).to.match(/<html lang="de">/);
    expect(german).to.include(localeText('de', 'directory:heading'));
    const other = await (await app.get('/', { headers: { 'accept-language': 'pt-BR' } })).text();
    expect(other).to.match(/<html lang="en">/);
  });

  it('when JavaScript is off, then the home page lists the places with their count and links to each', async () => {
    const html = await (await app.get('/?country=NL')).text();
    expect(html).to.include('1 place');
    expect(html).to.include('href="/locations/over-entinghe-dwingeloo?from=%2F%3Fcountry%3DNL"');
    expect(html).not.to.include('href="/locations/lavallee-bruxelles');
  });

  it("when a listing has no text in the reader's language, then its own language is shown with a visible note", async () => {
    const html = await (await app.get('/locations/lavallee-bruxelles?lang=de')).text();
    expect(html).to.match(/<h1 lang="fr">LaVallée<\/h1>/);
    const notice = localeText('de', 'common:fallback.notice').replace(
      '{{language}}',
      localeText('de', 'common:languageName.fr'),
    );
    expect(html).to.include(notice);

    const json = (await (await app.get('/api/v1/locations/lavallee-bruxelles?lang=de')).json()) as {
      name: { text: string; lang: string; fallback: boolean };
    };
    expect(json.name).to.deep.equal({ text: 'LaVallée', lang: 'fr', fallback: true });
  });

  it('when a location page is read in French, then opening hours are written out with French weekdays and the open state', async () => {
    const html = await (await app.get('/locations/over-entinghe-dwingeloo?lang=fr')).text();
    expect(html).to.include(localeText('fr', 'location:hours.heading'));
    const states = [localeText('fr', 'location:hours.openNow'), localeText('fr', 'location:hours.closedNow')];
    expect(html).to.satisfy((h: string) => states.some((state) => h.includes(state)));
    expect(html).to.include('lundi');
    expect(html).to.include('09:00–17:00');
    expect(html).to.include(localeText('fr', 'location:facility.printer'));
    expect(html).to.include('7,50');
  });

  it('when the location API is asked for a place, then it answers the same facts as JSON in the asked language', async () => {
    const res = await app.get('/api/v1/locations/over-entinghe-dwingeloo?lang=en');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as {
      slug: string;
      capacity: unknown;
      tariffs: unknown;
      openingHours: { week: unknown[] };
      coordinates: { approximate: boolean };
    };
    expect(body.slug).to.equal('over-entinghe-dwingeloo');
    expect(body.capacity).to.deep.equal({ desks: 4 });
    expect(body.tariffs).to.deep.equal([{ category: 'public', amount: 7.5, currency: 'EUR', per: 'day-part' }]);
    expect(body.openingHours.week).to.have.length(7);
    expect(body.coordinates.approximate).to.equal(true);
  });

  it('when a place is unknown or not published, then a translated 404 is answered as a page and as JSON', async () => {
    await insertPlaces(realPlace(networks, 'de-veldkei-havelte', { status: 'draft' }));
    const page = await app.get('/locations/de-veldkei-havelte?lang=nl');
    expect(page.status).to.equal(404);
    expect(await page.text()).to.include(localeText('nl', 'errors:locationNotFound'));
    const json = await app.get('/api/v1/locations/nowhere?lang=fr');
    expect(json.status).to.equal(404);
    expect(await json.json()).to.deep.equal({
      error: { code: 'not_found', message: localeText('fr', 'errors:locationNotFound'), details: [] },
    });
  });

  it('when /healthz is asked, then it reports the database as connected and the directory size', async () => {
    const res = await app.get('/healthz');
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { status: string; database: string; directory: { locations: number } };
    expect(body.status).to.equal('ok');
    expect(body.database).to.equal('connected');
    expect(body.directory.locations).to.equal(2);
  });

  it('when the page is served, then Leaflet and every asset come from our own origin under a strict content policy', async () => {
    const res = await app.get('/');
    const html = await res.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    const leaflet = sources.find((src) => /^\/assets\/v\/[0-9a-f]{12}\/vendor\/leaflet\/leaflet\.js$/.test(src));
    expect(leaflet, sources.join(' ')).to.be.a('string');
    for (const src of sources) expect(src.startsWith('/'), src).to.equal(true);
    expect((await app.get(leaflet!)).status).to.equal(200);
    expect(res.headers.get('content-security-policy')).to.include("script-src 'self'");
    expect(html).to.include('OpenStreetMap');
  });
});
