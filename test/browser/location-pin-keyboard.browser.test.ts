// The location editor's pin without a mouse, in a real Chromium on a phone and a desktop: the arrow keys move it on the
// focused map or pin, the coordinates follow, a screen reader hears where it went, and saving stores that place.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { uiString } from './directory-page.ts';

const SLUG = 'lavallee-bruxelles';
const en = (key: string, values: Record<string, string | number> = {}) => uiString('en', key, values);
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

async function coordinates(page: Page): Promise<{ lat: number; lng: number }> {
  return {
    lat: Number(await page.getByLabel(en('manage:form.lat'), { exact: false }).inputValue()),
    lng: Number(await page.getByLabel(en('manage:form.lng'), { exact: false }).inputValue()),
  };
}

describe('the location editor’s pin by keyboard (browser)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: TestBrowser | undefined;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    const place = realPlace(networks, SLUG);
    await insertPlaces(place);
    const stored = await LocationModel.findOne({ slug: SLUG }).lean<Location>();
    await createPerson({
      name: 'Léa Manager',
      email: 'lea@example.org',
      memberships: [{ network: networks.get('smart-be')!, managedLocations: [stored!._id] }],
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

  for (const viewport of VIEWPORTS) {
    it(`when a manager moves the pin with the arrow keys on a ${viewport.name}, then the coordinates follow, the move is announced and saving stores it`, async function () {
      browser = await openBrowser({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await browser.page();
      await page.goto(`${app.baseUrl}/login`);
      await page.getByLabel(en('auth:fields.email')).fill('lea@example.org');
      await page.getByLabel(en('auth:fields.password')).fill(TEST_PASSWORD);
      await Promise.all([
        page.waitForURL(`${app.baseUrl}/`),
        page
          .getByRole('main')
          .getByRole('button', { name: en('auth:login.submit') })
          .click(),
      ]);
      await page.goto(`${app.baseUrl}/manage/locations/${SLUG}/edit`);
      const start = await coordinates(page);

      // The map takes focus from the keyboard, and says how its keys work.
      const map = page.getByRole('application', { name: en('manage:form.mapLabel') });
      await map.focus();
      expect(await map.evaluate((el) => el === document.activeElement)).to.equal(true);
      const description = await map.evaluate(
        (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent,
      );
      expect(description).to.equal(en('manage:form.mapKeysHint'));

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowUp');
      const moved = await coordinates(page);
      expect(moved.lng, 'east').to.be.greaterThan(start.lng);
      expect(moved.lat, 'north').to.be.greaterThan(start.lat);
      const status = page.locator('#pin-status');
      expect(await status.getAttribute('role')).to.equal('status');
      expect(await status.textContent()).to.equal(
        en('manage:form.pinMoved', { lat: moved.lat.toFixed(6), lng: moved.lng.toFixed(6) }),
      );

      // The pin itself, focused, moves the same way; Shift takes bigger steps.
      const pin = page.getByRole('button', { name: en('manage:form.pinLabel') });
      await pin.focus();
      await page.keyboard.press('ArrowLeft');
      const back = await coordinates(page);
      expect(back.lng).to.be.lessThan(moved.lng);
      expect(back.lat).to.equal(moved.lat);
      await page.keyboard.press('Shift+ArrowDown');
      const south = await coordinates(page);
      expect(moved.lat - south.lat, 'a bigger step').to.be.greaterThan(2 * (moved.lat - start.lat));
      // The map follows the pin and nothing else moved focus away.
      expect(await pin.evaluate((el) => el === document.activeElement)).to.equal(true);
      await page.screenshot({ path: `/tmp/weight-pin-${viewport.name}.png`, fullPage: false });

      await Promise.all([
        page.waitForURL(`${app.baseUrl}/manage/locations/${SLUG}/edit`),
        page
          .getByRole('main')
          .getByRole('button', { name: en('manage:form.save') })
          .click(),
      ]);
      const saved = await LocationModel.findOne({ slug: SLUG }).lean<Location>();
      expect(saved?.coordinates).to.include({ lat: south.lat, lng: south.lng });
      expect(browser.problems).to.deep.equal([]);
    });
  }
});
