// Open data in a browser: an admin imports a spreadsheet (maps a column the header did not name, checks again,
// imports, follows the progress and finds the places on the map), and a partner's page frames /embed from another
// origin (a second loopback port) without any cookie being set.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { uiString, waitForMap } from './directory-page.ts';

const en = (key: string, values: Record<string, string | number> = {}) => uiString('en', key, values);
const NETWORK = 'anct-tiers-lieux-2019';

describe('open data (browser)', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: TestBrowser | undefined;

  before(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, 'over-entinghe-dwingeloo'));
    await createPerson({
      name: 'Ada Admin',
      email: 'ada@example.org',
      memberships: [{ network: networks.get(NETWORK)!, networkAdmin: true }],
    });
    app = await startTestApp();
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  it('when an admin uploads a CSV, maps the column it could not guess, and imports, then the places are on the map', async () => {
    // The latitude column's header names nothing the import knows: every row starts with a problem.
    const csv = (await readFile(new URL('../fixtures/cget-tiers-lieux-subset.csv', import.meta.url), 'utf8')).replace(
      ',LAT,',
      ',COORD_N,',
    );
    browser = await openBrowser({ viewport: { width: 1280, height: 900 } });
    const page = await browser.page();
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel(en('auth:fields.email')).fill('ada@example.org');
    await page.getByLabel(en('auth:fields.password')).fill(TEST_PASSWORD);
    await Promise.all([
      page.waitForURL(`${app.baseUrl}/`),
      page
        .getByRole('main')
        .getByRole('button', { name: en('auth:login.submit') })
        .click(),
    ]);

    await page.goto(`${app.baseUrl}/networks/${NETWORK}/admin`);
    await page.getByRole('link', { name: en('opendata:import.link') }).click();
    await page
      .getByLabel(en('opendata:import.csvFile'))
      .setInputFiles({ name: 'tiers-lieux.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await Promise.all([
      page.waitForURL(/\/admin\/import\/[0-9a-f]{24}$/),
      page.getByRole('button', { name: en('opendata:import.uploadCsv') }).click(),
    ]);
    expect(
      await page.getByRole('heading', { name: en('opendata:csv.problemsHeading_other', { count: 12 }) }).count(),
    ).to.equal(1);

    await page.getByLabel(en('opendata:field.lat'), { exact: true }).selectOption({ label: 'COORD_N' });
    await page.getByRole('button', { name: en('opendata:csv.check') }).click();
    await page.getByText(en('opendata:csv.noProblems')).waitFor();
    await page.getByRole('button', { name: en('opendata:preview.import'), exact: true }).click();

    await page.getByText(en('opendata:report.created_other', { count: 12 })).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: en('opendata:progress.seeOnMap') }).click();
    await waitForMap(page);
    expect(await page.locator('#results .location-item').count()).to.equal(12);
    expect(await page.locator('#results').getByRole('link', { name: 'ADE Coworking' }).count()).to.equal(1);
  });

  it('when a partner page on another origin frames /embed, then the map and list show in it and no cookie is set', async () => {
    const partner: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><head><title>Partner</title></head><body><h1>Our partners</h1>` +
          `<iframe src="${app.baseUrl}/embed?network=dorpshuizen-drenthe&amp;lang=nl" title="Map" width="600" height="600"></iframe></body></html>`,
      );
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    try {
      // localhost and 127.0.0.1 are two origins: the frame is cross-origin, as on a partner's site.
      const partnerUrl = `http://localhost:${(partner.address() as AddressInfo).port}/`;
      browser = await openBrowser({ viewport: { width: 800, height: 800 } });
      const page = await browser.page();
      await page.goto(partnerUrl);
      const frame = page.frameLocator('iframe');
      await frame.locator('#embed-map[data-ready="true"]').waitFor({ state: 'attached' });
      expect(await frame.getByRole('link', { name: /Over Entinghe/ }).count()).to.equal(1);
      expect(await browser.context.cookies()).to.deep.equal([]);
      expect(browser.problems).to.deep.equal([]);
    } finally {
      partner.closeAllConnections();
      await new Promise<void>((resolve) => partner.close(() => resolve()));
    }
  });
});
