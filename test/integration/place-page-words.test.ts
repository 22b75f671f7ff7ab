// The place page's words as a reader meets them: which language a text falls back to, free prices, the way back to the
// search, the network it belongs to, where its data comes from and the map's credits, in every interface language.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;');

describe('place page words (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    app = await startTestApp();
    await insertPlaces(
      realPlace(networks, 'lavallee-bruxelles', {
        name: { fr: 'LaVallée', nl: 'De Vallei test', en: 'The Valley test' },
        tariffs: [
          { category: 'own-member', amount: 0, currency: 'EUR', per: 'day-part' },
          { category: 'public', amount: 12, currency: 'EUR', per: 'day-part' },
        ],
      }),
      realPlace(networks, 'over-entinghe-dwingeloo'),
    );
    await app.directory.follower.poll();
  });
  afterEach(async () => app.close());

  const page = async (path: string, headers: Record<string, string> = {}) => (await app.get(path, { headers })).text();

  it("when the reader's first language is missing, then their next accepted language is shown before English and the own one", async () => {
    const html = await page('/locations/lavallee-bruxelles', { 'accept-language': 'de-DE, nl;q=0.8, fr;q=0.5' });

    expect(html).to.match(/<html lang="de">/);
    expect(html).to.match(/<h1 lang="nl">De Vallei test<\/h1>/);
  });

  it("when the reader accepts only a language the place lacks, then English is shown before the place's own language", async () => {
    const html = await page('/locations/lavallee-bruxelles', { 'accept-language': 'de' });
    const json = (await (
      await app.get('/api/v1/locations/lavallee-bruxelles', { headers: { 'accept-language': 'de' } })
    ).json()) as { name: unknown };

    expect(html).to.match(/<h1 lang="en">The Valley test<\/h1>/);
    expect(json.name).to.deep.equal({ text: 'The Valley test', lang: 'en', fallback: true });
  });

  for (const lang of LANGUAGES) {
    it(`when a tariff costs nothing, then it reads "free" in ${lang} and a paid one keeps its price`, async () => {
      const html = await page(`/locations/lavallee-bruxelles?lang=${lang}`);
      const free = localeText(lang, 'location:tariffFree').replace(
        '{{category}}',
        localeText(lang, 'location:category.own-member'),
      );

      expect(html).to.include(escapeHtml(free));
      expect(html).not.to.match(/[€]\s?0[,.]00|0[,.]00\s?€/);
      expect(html).to.match(/12[,.]00/);
    });
  }

  it('when a place page is shown, then it links its network and the header links the list of networks', async () => {
    const html = await page('/locations/lavallee-bruxelles?lang=nl');

    expect(html).to.match(/<a href="\/networks\/smart-be" lang="nl">Smart België<\/a>/);
    expect(html).to.include(`<a href="/networks">${localeText('nl', 'common:nav.networks')}</a>`);
  });

  it('when a search lists places, then each link carries the search and the place page leads back to it', async () => {
    const list = await page('/?q=dwingeloo&country=NL');
    const from = encodeURIComponent('/?q=dwingeloo&country=NL');

    expect(list).to.include(`href="/locations/over-entinghe-dwingeloo?from=${from}"`);
    const place = await page(`/locations/over-entinghe-dwingeloo?from=${from}`);
    expect(place).to.include('<a href="/?q=dwingeloo&amp;country=NL" class="back-link">');
  });

  it('when the list shows every place unfiltered, then its links carry no search and the way back is the home page', async () => {
    const list = await page('/');

    expect(list).to.include('href="/locations/over-entinghe-dwingeloo"');
    expect(await page('/locations/over-entinghe-dwingeloo')).to.include('<a href="/" class="back-link">');
  });

  for (const from of [
    'https://evil.example/?q=x',
    '//evil.example/?q=x',
    '/\\evil.example/?q=x',
    '/admin?q=x',
    'javascript:alert(1)',
    '/locations/x?q=1',
  ]) {
    it(`when "from" names ${from}, then the way back is the directory's home, never that address`, async () => {
      const html = await page(`/locations/over-entinghe-dwingeloo?from=${encodeURIComponent(from)}`);

      expect(html).to.include('<a href="/" class="back-link">');
      expect(html).not.to.match(/href="(https?:|javascript:)?[/\\]*evil/);
    });
  }

  for (const lang of LANGUAGES) {
    it(`when the place page is read in ${lang}, then the source box and the map credits are in ${lang}`, async () => {
      const html = await page(`/locations/lavallee-bruxelles?lang=${lang}`);
      const credit = localeText(lang, 'common:map.tileAttribution');

      for (const key of ['location:sourceData', 'location:sourceCredit']) {
        expect(html).to.include(`<dt>${localeText(lang, key)}</dt>`);
      }
      expect(html).to.include(`data-tile-attribution="${escapeHtml(credit)}"`);
      expect(html).to.include(credit);
    });
  }

  it('when the operator sets its own map attribution, then it is shown as written in every language', async () => {
    await app.close();
    app = await startTestApp({ env: { TILE_ATTRIBUTION: 'Tiles by Example Maps' } });

    const html = await page('/locations/lavallee-bruxelles?lang=fr');

    expect(html).to.include('data-tile-attribution="Tiles by Example Maps"');
  });
});
