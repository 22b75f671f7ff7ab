// Search quality as a reader sees it in Chromium, on a desktop and a phone: Dutch town names in the list and the map's
// popups, and the nearest places offered when a search finds nothing.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, locality, realPlace } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { mapState, uiString, waitForMap } from './directory-page.ts';

const SCREENS = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? '/tmp';

for (const screen of SCREENS) {
  describe(`search quality in a browser (${screen.name})`, function () {
    this.timeout(60_000);
    let app: TestApp;
    let browser: TestBrowser;

    before(async function () {
      await clearDatabase();
      const networks = await createNetworks();
      const liege = locality('Liège', 'BE');
      await insertPlaces(
        realPlace(networks, 'lavallee-bruxelles'),
        realPlace(networks, 'brussels-art-factory-bruxelles', {
          slug: 'coworking-in-liege',
          name: { fr: 'Coworking en Cité ardente' },
          address: { locality: liege.locality, countryCode: 'BE' },
          coordinates: { lat: liege.lat, lng: liege.lng, approximate: true },
        }),
        realPlace(networks, 'over-entinghe-dwingeloo'),
        realPlace(networks, 'de-veldkei-havelte'),
      );
      app = await startTestApp();
      browser = await openBrowser({ viewport: screen.viewport });
    });

    after(async function () {
      await browser?.close();
      await app?.close();
      await clearDatabase();
    });

    afterEach(async function () {
      await Promise.all(browser.context.pages().map((page) => page.close()));
      await browser.context.clearCookies();
    });

    async function open(path: string): Promise<Page> {
      const page = await browser.page();
      await page.goto(app.baseUrl + path);
      await waitForMap(page);
      return page;
    }

    const metaOf = async (page: Page, slug: string) =>
      ((await page.locator(`li.location-item[data-slug="${slug}"] .meta`).textContent()) ?? '').replace(/\s+/g, ' ');

    it('when a Dutch reader searches Belgian places, then the list and the popup name the towns "Brussel" and "Luik"', async function () {
      const page = await open('/?lang=nl&country=BE');

      expect(await metaOf(page, 'lavallee-bruxelles')).to.include('Brussel, BE');
      expect(await metaOf(page, 'coworking-in-liege')).to.include('Luik, BE');
      await page.locator('#results').screenshot({ path: `${SCREENSHOTS}/search-quality-nl-list-${screen.name}.png` });

      const single = await open('/?lang=nl&q=Luik');
      const { markers } = await mapState(single);
      expect(markers.map((m) => [m.kind, m.slug])).to.deep.equal([['place', 'coworking-in-liege']]);
      // A phone shows the list first: the reader switches to the map.
      if (screen.name === 'phone')
        await single.getByRole('button', { name: uiString('nl', 'directory:map.showMap') }).click();
      await single.locator('.leaflet-marker-icon[data-slug="coworking-in-liege"]').click();
      const popup = single.locator('.leaflet-popup-content');
      await popup.waitFor();
      expect(await popup.textContent()).to.include('Luik, BE');
      // Leaflet fades a popup in: the screenshot waits until it is fully drawn.
      await single.waitForFunction(() => getComputedStyle(document.querySelector('.leaflet-popup')!).opacity === '1');
      await single.screenshot({ path: `${SCREENSHOTS}/search-quality-nl-popup-${screen.name}.png` });
      expect(browser.problems).to.deep.equal([]);
    });

    it('when a search finds nothing, then the places nearest the town it names are offered and lead to their pages', async function () {
      const page = await open('/?lang=nl&q=zwembad+Dwingeloo');

      const suggestions = page.locator('.search-suggestions');
      await suggestions.waitFor();
      expect(await suggestions.locator('h3').textContent()).to.equal(
        uiString('nl', 'directory:suggestions.nearPlace', { place: 'Dwingeloo' }),
      );
      const offered = suggestions.locator('.suggested-places a');
      expect(await offered.allTextContents()).to.deep.equal([
        'Over Entinghe',
        'De Veldkei',
        // Liège is some 250 km away, Brussels 260.
        'Coworking en Cité ardente',
        'LaVallée',
      ]);
      expect(await suggestions.locator('.suggested-places li').first().textContent()).to.match(/op 0 km/);
      await page.screenshot({ path: `${SCREENSHOTS}/search-quality-suggestions-${screen.name}.png`, fullPage: true });

      await Promise.all([page.waitForURL(`${app.baseUrl}/locations/over-entinghe-dwingeloo`), offered.first().click()]);
      expect(await page.locator('h1').textContent()).to.equal('Over Entinghe');

      const wider = await open('/?lang=nl&q=zwembad+Dwingeloo');
      const link = wider.locator('.search-suggestions a.wider-search');
      expect(await link.textContent()).to.equal(uiString('nl', 'directory:suggestions.withoutWords'));
      // The page's script then writes the map's view into the URL: what matters is that the words are gone.
      await Promise.all([wider.waitForURL((url) => url.pathname === '/' && !url.searchParams.has('q')), link.click()]);
      await waitForMap(wider);
      expect(await wider.locator('li.location-item').count()).to.be.above(0);
      expect(browser.problems).to.deep.equal([]);
    });
  });
}
