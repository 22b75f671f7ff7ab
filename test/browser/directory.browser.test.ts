// What a person does on the directory page in a real Chromium: the map, the list, languages, history, keyboard, phone.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { seedDemoData } from '../../server/demo/seed.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { testLogger } from '../support/root-hooks.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import {
  afterMapUpdate,
  listCount,
  listHeading,
  listSlugs,
  mapState,
  uiString,
  waitForMap,
  type DrawnMarker,
} from './directory-page.ts';

describe('directory page in a browser', function () {
  this.timeout(60_000);
  let app: TestApp;
  let browser: TestBrowser;

  before(async function () {
    // Data first, then the app: emptying collections bypasses the change feed, so a directory built before would
    // keep what earlier suites left.
    await clearDatabase();
    await seedDemoData(testLogger);
    app = await startTestApp();
    browser = await openBrowser();
  });

  after(async function () {
    await browser?.close();
    await app?.close();
    await clearDatabase();
  });

  beforeEach(function () {
    browser.problems.length = 0;
  });

  afterEach(async function () {
    // Each test starts from a browser with no tab open and no language chosen.
    await Promise.all(browser.context.pages().map((page) => page.close()));
    await browser.context.clearCookies();
  });

  async function open(path: string, on: TestBrowser = browser): Promise<Page> {
    const page = await on.page();
    await page.goto(app.baseUrl + path);
    await waitForMap(page);
    return page;
  }

  /** Clicks a single place on the map, then the link in its popup, and returns the place's name on the map. */
  async function followPlace(page: Page, marker: DrawnMarker): Promise<string> {
    await page.mouse.click(marker.x, marker.y);
    const link = page.locator('.leaflet-popup-content a');
    await link.waitFor();
    expect(await link.textContent()).to.equal(marker.title);
    // The link names the search it came from (?from=…), so the place page can lead back to it.
    await Promise.all([page.waitForURL((url) => url.pathname === `/locations/${marker.slug}`), link.click()]);
    return marker.title;
  }

  it('when the page opens on the demo data, then the map shows clusters that add up to the count the list shows', async function () {
    const page = await open('/');

    const { total, markers } = await mapState(page);
    const clusters = markers.filter((m) => m.kind === 'cluster');
    expect(clusters.length).to.be.greaterThan(5);
    for (const cluster of clusters)
      expect(cluster.title).to.equal(uiString('en', 'directory:map.cluster', { count: cluster.count }));
    expect(markers.reduce((sum, m) => sum + m.count, 0)).to.equal(total);
    expect(await listCount(page)).to.equal(total);
    expect(browser.problems).to.deep.equal([]);
  });

  it('when the single place found is clicked on the map, then its popup link opens its page', async function () {
    const page = await open('/?q=Dwingeloo');

    const { markers } = await mapState(page);
    expect(markers.map((m) => [m.kind, m.title])).to.deep.equal([['place', 'Over Entinghe']]);
    const name = await followPlace(page, markers[0]!);

    expect(await page.locator('h1').textContent()).to.equal(name);
    expect(browser.problems).to.deep.equal([]);
  });

  it('when a cluster of two nearby places is clicked, then the map zooms in until both show and each leads to its page', async function () {
    // A view over Europe: a search opened without one fits the map to its places, which would already split them.
    const page = await open('/?network=dorpshuizen-drenthe&bbox=-6,41,16,56&zoom=5');
    const before = await mapState(page);
    expect(before.markers.map((m) => [m.kind, m.count])).to.deep.equal([['cluster', 2]]);
    const zoomBefore = Number(new URL(page.url()).searchParams.get('zoom'));

    await afterMapUpdate(page, () => page.locator('.cluster-marker[data-count="2"]').click());

    expect(Number(new URL(page.url()).searchParams.get('zoom'))).to.be.greaterThan(zoomBefore);
    const after = await mapState(page);
    expect(after.markers.map((m) => m.title).sort()).to.deep.equal(['De Veldkei', 'Over Entinghe']);
    expect(after.total).to.equal(2);
    const name = await followPlace(
      page,
      after.markers.find((m) => m.title === 'De Veldkei')!,
    );
    expect(await page.locator('h1').textContent()).to.equal(name);

    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.locator('a.back-link').click()]);
    expect(new URL(page.url()).searchParams.get('network')).to.equal('dorpshuizen-drenthe');
    expect(browser.problems).to.deep.equal([]);
  });

  it('when clusters are clicked from the biggest one down, then within ten clicks a place shows and leads to its page', async function () {
    const page = await open('/');
    const biggest = (await mapState(page)).markers
      .filter((m) => m.kind === 'cluster' && m.onTop)
      .sort((a, b) => b.count - a.count)[0]!;
    let next: DrawnMarker = biggest;
    let clicks = 0;
    // A click centres the map on the cluster, so what it splits into is what lies nearest the centre next.
    while (next.kind === 'cluster') {
      expect(clicks, 'clicks on clusters').to.be.lessThan(10);
      const clicked = next;
      await afterMapUpdate(page, () => page.mouse.click(clicked.x, clicked.y));
      clicks += 1;
      const { markers } = await mapState(page);
      next = markers.filter((m) => m.onTop).sort((a, b) => a.fromMapCentre - b.fromMapCentre)[0]!;
      expect(next, 'a marker where the cluster was').to.not.equal(undefined);
    }

    const name = await followPlace(page, next);
    expect(clicks).to.be.greaterThan(1);
    expect(await page.locator('h1').textContent()).to.equal(name);
    expect(browser.problems).to.deep.equal([]);
  });

  it('when Nederlands is chosen in the language switch, then the interface is Dutch and stays Dutch after a reload', async function () {
    const page = await open('/');
    const everywhere = ((await (await app.get('/api/v1/locations')).json()) as { total: number }).total;

    await Promise.all([
      page.waitForURL(/[?&]lang=nl\b/),
      page.locator('nav.language-switch a', { hasText: 'Nederlands' }).click(),
    ]);
    await waitForMap(page);

    const expectDutch = async () => {
      expect(await page.locator('html').getAttribute('lang')).to.equal('nl');
      expect(await page.locator('h1').textContent()).to.equal(uiString('nl', 'directory:heading'));
      expect((await page.locator('#filters button[type=submit]').textContent())?.trim()).to.equal(
        uiString('nl', 'directory:filters.submit'),
      );
      expect(await page.locator('#map').getAttribute('aria-label')).to.equal(uiString('nl', 'directory:map.label'));
      const total = Number(await page.locator('#map').getAttribute('data-total'));
      expect(await listHeading(page)).to.equal(
        uiString('nl', 'directory:results.inView_other', { count: total, total: everywhere }),
      );
    };
    await expectDutch();
    await page.reload();
    await waitForMap(page);
    expect(new URL(page.url()).searchParams.has('lang'), 'the language is in the cookie, not the URL').to.equal(false);
    await expectDutch();
    expect(browser.problems).to.deep.equal([]);
  });

  it('when a filtered map view is opened without JavaScript, then the list shows the same places as with it', async function () {
    const page = await open('/');
    await page.locator('#q').fill('fablab');
    await afterMapUpdate(page, () => page.locator('#filters button[type=submit]').click());

    const url = new URL(page.url());
    expect(url.searchParams.get('q')).to.equal('fablab');
    expect(url.searchParams.has('bbox') && url.searchParams.has('zoom')).to.equal(true);
    const total = Number(await page.locator('#map').getAttribute('data-total'));
    expect(total).to.be.greaterThan(20);
    expect(await listCount(page)).to.equal(total);
    const heading = await listHeading(page);
    const slugs = await listSlugs(page);
    expect(slugs).to.have.length(20);

    const noScript = await openBrowser({ javaScriptEnabled: false });
    try {
      const plain = await noScript.page();
      await plain.goto(url.href);
      expect(await plain.locator('#map').getAttribute('data-ready')).to.equal(null);
      expect(await listHeading(plain)).to.equal(heading);
      expect(await listSlugs(plain)).to.deep.equal(slugs);
      expect(noScript.problems).to.deep.equal([]);
    } finally {
      await noScript.close();
    }
    expect(browser.problems).to.deep.equal([]);
  });

  it('when two searches are made and back is pressed, then the first search is shown again', async function () {
    const page = await open('/');
    const search = async (q: string) => {
      await page.locator('#q').fill(q);
      await afterMapUpdate(page, () => page.locator('#filters button[type=submit]').click());
      return { url: page.url(), count: await listCount(page), slugs: await listSlugs(page) };
    };
    const first = await search('fablab');
    const second = await search('Bruxelles');
    expect(second.count).to.not.equal(first.count);

    await afterMapUpdate(page, () => page.goBack());

    expect(page.url()).to.equal(first.url);
    expect(await page.locator('#q').inputValue()).to.equal('fablab');
    expect(await listCount(page)).to.equal(first.count);
    expect(await listSlugs(page)).to.deep.equal(first.slugs);
    expect(Number(await page.locator('#map').getAttribute('data-total'))).to.equal(first.count);
    expect(browser.problems).to.deep.equal([]);
  });

  it('when the page is used with the keyboard, then the skip link comes first and the search can be reached', async function () {
    const page = await open('/');

    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement;
      return {
        className: active.className,
        text: active.textContent,
        href: active.getAttribute('href'),
        left: active.getBoundingClientRect().left,
      };
    });
    expect(first).to.deep.include({
      className: 'skip-link',
      text: uiString('en', 'common:skipToContent'),
      href: '#main',
    });
    expect(first.left, 'the skip link shows when focused').to.be.at.least(0);

    const reached = new Set<string>();
    for (let i = 0; i < 30 && !(reached.has('q') && reached.has('submit')); i += 1) {
      await page.keyboard.press('Tab');
      reached.add(
        await page.evaluate(() => {
          const active = document.activeElement as HTMLElement;
          return active.id || (active.matches('#filters button[type=submit]') ? 'submit' : active.tagName);
        }),
      );
    }
    expect([...reached]).to.include.members(['q', 'submit']);
    expect(await page.locator('h1').count()).to.equal(1);
    expect(await page.locator('#map').getAttribute('aria-label')).to.equal(uiString('en', 'directory:map.label'));
    expect(browser.problems).to.deep.equal([]);
  });

  it('when the page is opened on a phone, then the list and, once chosen, the map show without scrolling sideways', async function () {
    const phone = await openBrowser({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    try {
      const page = await open('/', phone);

      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).to.be.at.most(375);
      for (const selector of ['#results', '#map']) {
        if (selector === '#map')
          await page.getByRole('button', { name: uiString('en', 'directory:map.showMap') }).click();
        expect(await page.locator(selector).isVisible(), selector).to.equal(true);
        const box = await page.locator(selector).boundingBox();
        expect(box, selector).to.not.equal(null);
        expect(box!.width, `${selector} width`).to.be.greaterThan(200);
        expect(box!.height, `${selector} height`).to.be.greaterThan(100);
        expect(box!.x, `${selector} left`).to.be.at.least(0);
        expect(box!.x + box!.width, `${selector} right`).to.be.at.most(375);
      }
      expect((await mapState(page)).markers.length).to.be.greaterThan(0);
      expect(phone.problems).to.deep.equal([]);
    } finally {
      await phone.close();
    }
  });
});
