// The directory in a real Chromium: a search moves the map, the phone's list/map switch, no JavaScript, keyboard clusters.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { seedDemoData } from '../../server/demo/seed.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { testLogger } from '../support/root-hooks.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { afterMapUpdate, listHeading, listSlugs, mapState, uiString, waitForMap } from './directory-page.ts';

const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PARIS = '/?bbox=2.25,48.81,2.42,48.90&zoom=12';
/** Where the screenshots of these tests go, to be looked at. */
const SHOTS = path.join(os.tmpdir(), 'passerelle-shots');

describe('directory search, layout and keyboard in a browser', function () {
  this.timeout(90_000);
  let app: TestApp;

  before(async function () {
    await clearDatabase();
    await seedDemoData(testLogger);
    app = await startTestApp();
    await mkdir(SHOTS, { recursive: true });
  });

  after(async function () {
    await app?.close();
    await clearDatabase();
  });

  async function withBrowser(
    options: BrowserContextOptions,
    run: (open: (path: string) => Promise<Page>) => Promise<void>,
  ): Promise<void> {
    const browser: TestBrowser = await openBrowser(options);
    try {
      await run(async (at) => {
        const page = await browser.page();
        await page.goto(app.baseUrl + at);
        if (options.javaScriptEnabled !== false) await waitForMap(page);
        return page;
      });
      expect(browser.problems).to.deep.equal([]);
    } finally {
      await browser.close();
    }
  }

  async function search(page: Page, q: string): Promise<void> {
    await page.locator('#q').fill(q);
    await afterMapUpdate(page, () => page.locator('#filters button[type=submit]').click());
  }

  const zoomOf = (page: Page) => Number(new URL(page.url()).searchParams.get('zoom'));
  const bboxOf = (page: Page) => new URL(page.url()).searchParams.get('bbox')!.split(',').map(Number);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  it('when the map is over Paris and "Dwingeloo" is searched, then the map moves to the one place found and lists it', async function () {
    await withBrowser(DESKTOP, async (open) => {
      const page = await open(PARIS);
      await search(page, 'Dwingeloo');

      expect(zoomOf(page)).to.equal(13);
      const [minLng, minLat, maxLng, maxLat] = bboxOf(page);
      const place = page.locator('#results li.location-item');
      const lat = Number(await place.getAttribute('data-lat'));
      const lng = Number(await place.getAttribute('data-lng'));
      expect(lng).to.be.within(minLng!, maxLng!);
      expect(lat).to.be.within(minLat!, maxLat!);
      expect(await listHeading(page)).to.equal(uiString('en', 'directory:results.inView_one', { count: 1, total: 1 }));
      expect(await page.locator('#results .empty').count()).to.equal(0);
      expect((await mapState(page)).markers.map((m) => m.title)).to.deep.equal(['Over Entinghe']);
      await shot(page, 'search-moves-map-desktop');
    });
  });

  it('when a network is chosen while the map is over Paris, then the map fits both of its places', async function () {
    await withBrowser(DESKTOP, async (open) => {
      const page = await open(PARIS);
      await page.locator('.more-filters summary').click();
      await page.locator('#network').selectOption('dorpshuizen-drenthe');
      await afterMapUpdate(page, () => page.locator('#filters button[type=submit]').click());

      expect(await listHeading(page)).to.equal(
        uiString('en', 'directory:results.inView_other', { count: 2, total: 2 }),
      );
      expect((await mapState(page)).total).to.equal(2);
    });
  });

  it('when a shared link searches a place outside the map, then the list says so and "Show it" moves the map there', async function () {
    await withBrowser(DESKTOP, async (open) => {
      const page = await open(`${PARIS}&q=Dwingeloo`);

      expect(await listHeading(page)).to.equal(uiString('en', 'directory:results.outsideView_one', { count: 1 }));
      const empty = (await page.locator('#results .empty').textContent()) ?? '';
      expect(empty).to.not.include(uiString('en', 'directory:results.none'));
      await shot(page, 'outside-the-map-desktop');
      const show = page.getByRole('link', { name: uiString('en', 'directory:results.showFound_one') });
      await afterMapUpdate(page, () => show.click());

      expect(await listHeading(page)).to.equal(uiString('en', 'directory:results.inView_one', { count: 1, total: 1 }));
      expect(await listSlugs(page)).to.have.length(1);
      expect(zoomOf(page)).to.equal(13);
    });
  });

  it('when the directory is opened on a phone, then the search comes first and a search shows its first results without scrolling', async function () {
    await withBrowser(PHONE, async (open) => {
      const page = await open('/');
      const searchBox = (await page.locator('#q').boundingBox())!;
      const results = (await page.locator('#results').boundingBox())!;
      expect(searchBox.y + searchBox.height, 'the search box is on the first screen').to.be.at.most(844);
      expect(searchBox.y, 'the search above the list').to.be.lessThan(results.y);
      await shot(page, 'phone-opened');

      await search(page, 'fablab');

      expect(await page.evaluate(() => window.scrollY)).to.equal(0);
      const first = (await page.locator('#results li.location-item').first().boundingBox())!;
      expect(first.y + first.height, 'the first result on the first screen').to.be.at.most(844);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).to.be.at.most(390);
      await shot(page, 'phone-after-search');
    });
  });

  it('when Map and then List are chosen on a phone, then the map fills the screen with its markers and the list comes back', async function () {
    await withBrowser(PHONE, async (open) => {
      const page = await open('/?q=fablab');
      const mapButton = page.getByRole('button', { name: uiString('en', 'directory:map.showMap') });
      const listButton = page.getByRole('button', { name: uiString('en', 'directory:map.showList') });
      expect(await listButton.getAttribute('aria-pressed')).to.equal('true');
      expect(await page.locator('#map').isVisible()).to.equal(false);

      await mapButton.click();
      expect(await mapButton.getAttribute('aria-pressed')).to.equal('true');
      expect(await page.locator('#results').isVisible()).to.equal(false);
      const map = (await page.locator('#map').boundingBox())!;
      expect(map.width).to.equal(390);
      expect(map.height).to.be.greaterThan(400);
      expect(map.y + map.height).to.be.at.most(844);
      expect((await mapState(page)).markers.filter((m) => m.onTop).length).to.be.greaterThan(0);
      await shot(page, 'phone-map');

      await listButton.click();
      expect(await page.locator('#results').isVisible()).to.equal(true);
      expect(await page.locator('#map').isVisible()).to.equal(false);
    });
  });

  for (const [device, options, width] of [
    ['desktop', DESKTOP, 1280],
    ['phone', PHONE, 390],
  ] as const) {
    it(`when the directory is opened without JavaScript on a ${device}, then the list has the full width and no map box shows`, async function () {
      await withBrowser({ ...options, javaScriptEnabled: false }, async (open) => {
        const page = await open('/?q=fablab');

        expect(await page.locator('#map').isVisible(), 'the map box').to.equal(false);
        expect(await page.locator('.map-help').isVisible(), 'the zoom hint').to.equal(false);
        const results = (await page.locator('#results').boundingBox())!;
        expect(results.width, 'the list width').to.be.greaterThan(width - 80);
        expect(await listSlugs(page)).to.have.length(20);
        await shot(page, `no-script-${device}`);
      });
    });
  }

  for (const key of ['Enter', 'Space']) {
    it(`when a cluster has the focus and ${key} is pressed, then the map zooms in as with a click`, async function () {
      await withBrowser(DESKTOP, async (open) => {
        const page = await open('/?network=dorpshuizen-drenthe&bbox=-6,41,16,56&zoom=5');
        const zoomBefore = zoomOf(page);
        await page.locator('.cluster-marker[data-count="2"]').focus();

        await afterMapUpdate(page, () => page.keyboard.press(key));

        expect(zoomOf(page)).to.be.greaterThan(zoomBefore);
        expect((await mapState(page)).markers.map((m) => m.title).sort()).to.deep.equal([
          'De Veldkei',
          'Over Entinghe',
        ]);
        expect(await page.evaluate(() => window.scrollY), 'the page did not scroll').to.equal(0);
      });
    });
  }
});
