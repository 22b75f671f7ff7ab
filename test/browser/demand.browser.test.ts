// A member on a phone says they would work at a village hall, with the keyboard alone; the network's admin then sees
// the interest on the demand map and in its table, without learning who.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { LocationModel } from '../../server/locations/location.model.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const SCREENSHOTS = path.join(tmpdir(), 'passerelle-screenshots');
const SLUG = 'over-entinghe-dwingeloo';
const nl = (key: string) => localeText('nl', key);

describe('demand signals in a browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: TestBrowser | undefined;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, SLUG, { status: 'published' }));
    const network = (await LocationModel.findOne({ slug: SLUG }).lean())!.network;
    await createPerson({
      name: 'Anke Admin',
      email: 'anke@example.org',
      memberships: [{ network, networkAdmin: true }],
    });
    await createPerson({ name: 'Joost Lid', email: 'joost@example.org' });
    app = await startTestApp();
    await app.directory.follower.poll();
    // Four neighbours said it already: with Joost, five, the smallest count shown.
    for (let i = 0; i < 4; i += 1) {
      const { email } = await createPerson({ name: `Buur ${i}`, email: `buur${i}@example.org` });
      const neighbour = await TestClient.signedIn(app, email);
      await neighbour.post(`/locations/${SLUG}/interest`, { dayParts: 'evening', frequency: 'weekly' });
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  const signIn = async (email: string) => {
    const page = await browser!.page();
    await page.goto(`${app.baseUrl}/login?lang=nl&next=${encodeURIComponent(`/locations/${SLUG}`)}`);
    await page.getByLabel(localeText('nl', 'auth:fields.email')).fill(email);
    await page.getByLabel(localeText('nl', 'auth:fields.password')).fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`**/locations/${SLUG}`), page.keyboard.press('Enter')]);
    return page;
  };

  it('when a member on a phone says with the keyboard they would work here, then the page says so and their account lists it', async function () {
    browser = await openBrowser({ viewport: { width: 390, height: 844 } });
    const page = await signIn('joost@example.org');
    const section = page.locator('#interest');
    await section.getByLabel(nl('demand:dayPart.morning')).focus();
    await page.keyboard.press('Space');
    await section.getByLabel(nl('demand:fields.frequency')).selectOption('few-times-a-month');
    await Promise.all([
      page.waitForURL(`**/locations/${SLUG}#interest`),
      section.getByRole('button', { name: nl('demand:place.submit') }).press('Enter'),
    ]);
    const saidText = nl('demand:mine.said')
      .replace('{{dayParts}}', nl('demand:dayPart.morning'))
      .replace('{{frequency}}', nl('demand:frequency.few-times-a-month'));
    expect(await page.locator('#interest').textContent()).to.include(saidText);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no sideways scrolling').to.be.at.most(0);
    await page.locator('#interest').screenshot({ path: path.join(SCREENSHOTS, 'demand-place-phone.png') });

    await page.goto(`${app.baseUrl}/me/interest`);
    expect(await page.getByRole('link', { name: 'Over Entinghe' }).count()).to.be.greaterThan(0);
    expect(browser.problems).to.deep.equal([]);
  });

  it('when the network admin opens the demand map on a desktop, then the five people show as one circle and one row, with no name', async function () {
    browser = await openBrowser({ viewport: { width: 1280, height: 800 } });
    const page = await signIn('anke@example.org');
    expect(await page.locator('#interest').textContent()).to.include(
      localeText('nl', 'demand:count.people_other').replace('{{count}}', '5'),
    );
    await page.goto(`${app.baseUrl}/interest/map?bbox=5.5,52.6,7.1,53.0&zoom=9`);
    await page.locator('#demand-map path.leaflet-interactive').first().waitFor();
    expect(await page.locator('#demand-table tbody tr').count()).to.equal(1);
    const cells = await page.locator('#demand-table tbody tr td').allTextContents();
    expect(cells.slice(1)).to.deep.equal(['5', '1']);
    expect(await page.content()).not.to.match(/Joost|Buur \d/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'demand-map-desktop.png'), fullPage: true });
    expect(browser.problems).to.deep.equal([]);
  });
});
