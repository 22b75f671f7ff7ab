// "Open on a day-part" in a real Chromium: chosen in the filter form on a desktop and a phone, with and without
// JavaScript, kept in the URL and the back button, and the places left out for unknown hours counted.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { afterMapUpdate, listSlugs, mapState, uiString, waitForMap } from './directory-page.ts';

const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('open on a day-part, in a browser', function () {
  this.timeout(60_000);
  let app: TestApp;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'Mo-Su 19:00-22:00 "ondernemerscafé"' }),
      realPlace(networks, 'lavallee-bruxelles', { openingHours: 'Mo-Fr 09:00-17:00' }),
      realPlace(networks, 'de-veldkei-havelte'),
      realPlace(networks, 'brussels-art-factory-bruxelles', { openingHours: 'Mo-Su 00:00-24:00 unknown' }),
    );
    app = await startTestApp();
  });

  after(async function () {
    await app?.close();
    await clearDatabase();
  });

  /** Chooses a weekday and day-part in the filter form, the way a person does. */
  async function chooseDayPart(page: Page, day: string, part: string): Promise<void> {
    const details = page.locator('details.more-filters');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await page.locator('input[name=open][value=dayPart]').check();
    await page.locator('#open-day').selectOption(day);
    await page.locator('#open-part').selectOption(part);
  }

  const unknownNote = (count: number) =>
    uiString('en', `directory:results.unknownHours_${count === 1 ? 'one' : 'other'}`, { count });

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`when Friday evening is chosen on a ${device}, then places open then are listed, and back returns`, async function () {
      const browser: TestBrowser = await openBrowser(options);
      try {
        const page = await browser.page();
        await page.goto(`${app.baseUrl}/?lang=en`);
        await waitForMap(page);

        await chooseDayPart(page, 'friday', 'evening');
        await afterMapUpdate(page, () => page.locator('#filters button[type=submit]').click());

        expect(new URL(page.url()).searchParams.get('openAt')).to.equal('friday-evening');
        expect(await listSlugs(page)).to.deep.equal(['over-entinghe-dwingeloo']);
        expect((await page.locator('.hours-note').textContent())?.trim()).to.equal(unknownNote(2));
        // The popup says what the list says of the place now.
        const listed = (await page.locator('#results .open-state').textContent())?.trim();
        expect(listed).to.be.oneOf(
          [uiString('en', 'location:hours.openNow'), uiString('en', 'location:hours.closedNow')].flatMap((s) => [
            s,
            `${s} (ondernemerscafé)`,
          ]),
        );
        // A phone shows the list first: the reader switches to the map, and back to the list after.
        const showMap = page.getByRole('button', { name: uiString('en', 'directory:map.showMap') });
        if (device === 'phone') await showMap.click();
        await page.locator('#map').scrollIntoViewIfNeeded();
        const [pin] = (await mapState(page)).markers.filter((m) => m.kind === 'place');
        await page.mouse.click(pin!.x, pin!.y);
        const inPopup = page.locator('.leaflet-popup-content .open-state');
        await inPopup.waitFor();
        expect((await inPopup.textContent())?.trim()).to.equal(listed);
        await page.screenshot({ path: `/tmp/hours-day-part-${device}.png`, fullPage: true });
        await page.keyboard.press('Escape');
        if (device === 'phone')
          await page.getByRole('button', { name: uiString('en', 'directory:map.showList') }).click();

        await chooseDayPart(page, 'friday', 'morning');
        await afterMapUpdate(page, () => page.locator('#filters button[type=submit]').click());
        expect(await listSlugs(page)).to.deep.equal(['lavallee-bruxelles']);

        await afterMapUpdate(page, () => page.goBack());
        expect(new URL(page.url()).searchParams.get('openAt')).to.equal('friday-evening');
        expect(await page.locator('input[name=open][value=dayPart]').isChecked()).to.equal(true);
        expect(await page.locator('#open-day').inputValue()).to.equal('friday');
        expect(await page.locator('#open-part').inputValue()).to.equal('evening');
        expect(await listSlugs(page)).to.deep.equal(['over-entinghe-dwingeloo']);
        expect(browser.problems).to.deep.equal([]);
      } finally {
        await browser.close();
      }
    });
  }

  it('when Friday evening is chosen on a phone without JavaScript, then the form sends it and the list shows it', async function () {
    const browser = await openBrowser({ ...PHONE, javaScriptEnabled: false });
    try {
      const page = await browser.page();
      await page.goto(`${app.baseUrl}/?lang=nl`);

      await chooseDayPart(page, 'friday', 'evening');
      await Promise.all([page.waitForURL(/open=dayPart/), page.locator('#filters button[type=submit]').click()]);

      expect(await listSlugs(page)).to.deep.equal(['over-entinghe-dwingeloo']);
      expect(await page.locator('#open-day').inputValue()).to.equal('friday');
      expect(await page.locator('#open-part').inputValue()).to.equal('evening');
      expect((await page.locator('.hours-note').textContent())?.trim()).to.equal(
        uiString('nl', 'directory:results.unknownHours_other', { count: 2 }),
      );
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).to.be.at.most(390);
      await page.screenshot({ path: '/tmp/hours-day-part-phone-no-js.png', fullPage: true });
      expect(browser.problems).to.deep.equal([]);
    } finally {
      await browser.close();
    }
  });

  it('when a place whose hours are marked unknown is opened on a phone, then it says not known, never closed', async function () {
    const browser = await openBrowser(PHONE);
    try {
      const page = await browser.page();
      await page.goto(`${app.baseUrl}/locations/brussels-art-factory-bruxelles?lang=nl`);

      const state = page.locator('.location-main .open-state');
      expect((await state.locator('strong').textContent())?.trim()).to.equal(
        uiString('nl', 'location:hours.unknownNow'),
      );
      expect(await state.getAttribute('class')).to.equal('open-state is-unknown');
      const days = await page.locator('table.week td').allTextContents();
      expect(days).to.deep.equal(Array(7).fill(uiString('nl', 'location:hours.unknownDay')));
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).to.be.at.most(390);
      await page.screenshot({ path: '/tmp/hours-place-phone.png', fullPage: true });

      await page.goto(`${app.baseUrl}/?lang=nl`);
      const listed = page.locator('#results li[data-slug="brussels-art-factory-bruxelles"] .open-state');
      expect((await listed.textContent())?.trim()).to.equal(uiString('nl', 'location:hours.unknownNow'));
      expect(browser.problems).to.deep.equal([]);
    } finally {
      await browser.close();
    }
  });
});
