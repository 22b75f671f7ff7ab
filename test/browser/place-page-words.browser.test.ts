// A reader goes from a search to a place and back, on a phone and a desktop, reading the place page's words.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { seedDemoData } from '../../server/demo/seed.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { localeText } from '../support/locale-text.ts';
import { testLogger } from '../support/root-hooks.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

// Looked at by whoever changes the page; kept out of the repository.
const SCREENSHOTS = path.join(tmpdir(), 'passerelle-screenshots');
const SCREENS = [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
];

describe('place page words in a browser', function () {
  this.timeout(60_000);
  let app: TestApp;

  before(async function () {
    await clearDatabase();
    await seedDemoData(testLogger);
    app = await startTestApp();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async function () {
    await app?.close();
    await clearDatabase();
  });

  for (const screen of SCREENS) {
    it(`when a French reader on a ${screen.name} opens a place from a search, then its network, source and credits read in French and the way back returns to the search`, async function () {
      const browser: TestBrowser = await openBrowser({ viewport: screen.viewport });
      try {
        const page = await browser.page();
        await page.goto(`${app.baseUrl}/?q=dwingeloo&lang=fr`);
        await Promise.all([
          page.waitForURL((url) => url.pathname === '/locations/over-entinghe-dwingeloo'),
          page.locator('.location-list a', { hasText: 'Over Entinghe' }).click(),
        ]);

        expect(
          await page.getByRole('link', { name: localeText('fr', 'common:nav.networks'), exact: true }).isVisible(),
        ).to.equal(true);
        // The network has no French name: English comes before its own Dutch.
        const network = page.getByRole('link', { name: 'Village halls in Drenthe' });
        expect(await network.getAttribute('href')).to.equal('/networks/dorpshuizen-drenthe');
        expect(await page.getByText(localeText('fr', 'location:sourceData'), { exact: true }).isVisible()).to.equal(
          true,
        );
        await page.locator('.leaflet-control-attribution').waitFor();
        const credits = await page.locator('.leaflet-control-attribution').textContent();
        expect(credits).to.include('les contributeurs d’OpenStreetMap');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, 'no sideways scrolling').to.be.at.most(0);
        await page.screenshot({ path: path.join(SCREENSHOTS, `place-page-words-${screen.name}.png`), fullPage: true });

        await Promise.all([
          page.waitForURL((url) => url.pathname === '/'),
          page.getByRole('link', { name: localeText('fr', 'location:backToDirectory') }).click(),
        ]);
        expect(new URL(page.url()).searchParams.get('q')).to.equal('dwingeloo');
        expect(await page.locator('#q').inputValue()).to.equal('dwingeloo');
        expect(browser.problems).to.deep.equal([]);
      } finally {
        await browser.close();
      }
    });
  }
});
