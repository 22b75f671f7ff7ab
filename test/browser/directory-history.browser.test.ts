// The directory's history in a real Chromium: Back with the HTTP cache on, paging with and without JavaScript, reloads.
import { expect } from 'chai';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { seedDemoData } from '../../server/demo/seed.ts';
import { openBrowser, serveBlankTiles, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { testLogger } from '../support/root-hooks.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { afterMapUpdate, listSlugs, uiString, waitForMap } from './directory-page.ts';

const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

describe('directory history in a browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  let tiles: Awaited<ReturnType<typeof serveBlankTiles>>;

  before(async function () {
    await clearDatabase();
    await seedDemoData(testLogger);
    tiles = await serveBlankTiles();
    // Tiles from a loopback server of their own: the browsers here keep their HTTP cache, so nothing routes requests.
    app = await startTestApp({ env: { TILE_URL: tiles.template } });
  });

  after(async function () {
    await app?.close();
    await tiles?.close();
    await clearDatabase();
  });

  async function withBrowser(
    options: BrowserContextOptions,
    run: (open: (path: string) => Promise<Page>, browser: TestBrowser) => Promise<void>,
  ): Promise<void> {
    const browser = await openBrowser(options, { httpCache: true });
    try {
      await run(async (path) => {
        const page = await browser.page();
        await page.goto(app.baseUrl + path);
        if (options.javaScriptEnabled !== false) await waitForMap(page);
        return page;
      }, browser);
      expect(browser.problems).to.deep.equal([]);
    } finally {
      await browser.close();
    }
  }

  const pageOf = (page: Page) => new URL(page.url()).searchParams.get('page');
  const nextLink = (page: Page) => page.locator('#results .pagination a[rel=next]');

  it('when the map is panned, a place opened and Back pressed with the cache on, then the whole directory page shows again', async function () {
    await withBrowser({}, async (open) => {
      const page = await open('/');
      const box = (await page.locator('#map').boundingBox())!;
      await afterMapUpdate(page, async () => {
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width / 2 - 150, box.y + box.height / 2 + 80, { steps: 5 });
        await page.mouse.up();
      });
      const panned = page.url();
      const slugs = await listSlugs(page);
      await Promise.all([
        page.waitForURL(/\/locations\//),
        page.locator('#results li.location-item a').first().click(),
      ]);

      await page.goBack();

      expect(page.url()).to.equal(panned);
      expect(await page.locator('header.site-header').count(), 'the site header').to.equal(1);
      await waitForMap(page);
      expect(await page.locator('h1').textContent()).to.equal(uiString('en', 'directory:heading'));
      expect(await page.locator('#q').count(), 'the search form').to.equal(1);
      expect(await listSlugs(page)).to.deep.equal(slugs);
      const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')!).display);
      expect(styled, 'the stylesheet applies').to.not.equal('inline');
    });
  });

  it('when Next is followed twice with JavaScript and Back pressed, then the list shows page 2 again and a place opened from it returns there', async function () {
    await withBrowser({}, async (open) => {
      const page = await open('/?q=fablab');
      const first = await listSlugs(page);
      expect(first).to.have.length(20);

      await afterMapUpdate(page, () => nextLink(page).click());
      expect(pageOf(page)).to.equal('2');
      const second = await listSlugs(page);
      expect(second).to.have.length(20);
      expect(second.filter((slug) => first.includes(slug))).to.deep.equal([]);
      expect(await page.locator('#results .location-list').getAttribute('start')).to.equal('21');
      expect(await page.locator('#q').inputValue()).to.equal('fablab');

      await afterMapUpdate(page, () => nextLink(page).click());
      expect(pageOf(page)).to.equal('3');
      const third = await listSlugs(page);
      expect(third.filter((slug) => second.includes(slug))).to.deep.equal([]);

      await afterMapUpdate(page, () => page.goBack());
      expect(pageOf(page)).to.equal('2');
      expect(await listSlugs(page)).to.deep.equal(second);

      await Promise.all([
        page.waitForURL(/\/locations\//),
        page.locator('#results li.location-item a').first().click(),
      ]);
      await page.goBack();
      await waitForMap(page);
      expect(pageOf(page)).to.equal('2');
      expect(await listSlugs(page)).to.deep.equal(second);
    });
  });

  it('when Next is followed without JavaScript, then the second page of the search is listed', async function () {
    await withBrowser({ javaScriptEnabled: false }, async (open) => {
      const page = await open('/?q=fablab');
      const first = await listSlugs(page);
      await Promise.all([page.waitForURL(/[?&]page=2\b/), nextLink(page).click()]);
      const second = await listSlugs(page);
      expect(second).to.have.length(20);
      expect(second.filter((slug) => first.includes(slug))).to.deep.equal([]);
      expect(await page.locator('#q').inputValue()).to.equal('fablab');
    });
  });

  for (const [device, options] of [
    ['desktop', {}],
    ['phone', PHONE],
  ] as const) {
    it(`when the directory is reloaded ten times on a ${device}, then the map shows the same view each time`, async function () {
      await withBrowser(options, async (open) => {
        const page = await open('/');
        const bbox = () => new URL(page.url()).searchParams.get('bbox');
        const first = bbox();
        const seen: (string | null)[] = [];
        for (let i = 0; i < 10; i += 1) {
          await page.reload();
          await waitForMap(page);
          seen.push(bbox());
        }
        expect(seen).to.deep.equal(Array.from({ length: 10 }, () => first));
      });
    });
  }
});
