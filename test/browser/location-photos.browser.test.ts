// Photos in a real Chromium: a manager uploads them with and without JavaScript, on a desktop and a phone, and a
// visitor sees the first one in the list and the map's popup and all of them on the place page, each with a srcset.
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { testImage } from '../support/images.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { mapState, uiString, waitForMap } from './directory-page.ts';

const SLUG = 'lavallee-bruxelles';
const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
/** Where the screenshots go, to be looked at. */
const SHOTS = path.join(os.tmpdir(), 'passerelle-photo-shots');

const photosOf = async () => (await LocationModel.findOne({ slug: SLUG }).lean<Location>().orFail()).photos ?? [];

/** What an image element shows: its srcset, its alt, and whether a file was loaded into it. */
async function shown(page: Page, selector: string) {
  const img = page.locator(selector).first();
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => (el as HTMLImageElement | null)?.complete, await img.elementHandle());
  return img.evaluate((el: HTMLImageElement) => ({
    srcset: el.getAttribute('srcset') ?? '',
    sources: [...(el.parentElement?.querySelectorAll('source') ?? [])].map((s) => s.getAttribute('srcset')),
    alt: el.getAttribute('alt'),
    loaded: el.naturalWidth > 0,
    current: el.currentSrc,
  }));
}

describe('location photos in a browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  const opened: TestBrowser[] = [];

  async function browser(options: BrowserContextOptions): Promise<TestBrowser> {
    const b = await openBrowser(options);
    opened.push(b);
    return b;
  }

  async function signedIn(options: BrowserContextOptions, lang = 'en'): Promise<Page> {
    const page = await (await browser(options)).page();
    await page.goto(`${app.baseUrl}/login?lang=${lang}`);
    await page.getByLabel(uiString(lang, 'auth:fields.email')).fill('lea@example.org');
    await page.getByLabel(uiString(lang, 'auth:fields.password')).fill(TEST_PASSWORD);
    await Promise.all([
      page.waitForURL(`${app.baseUrl}/`),
      page
        .getByRole('main')
        .getByRole('button', { name: uiString(lang, 'auth:login.submit') })
        .click(),
    ]);
    return page;
  }

  before(async function () {
    await clearDatabase();
    await mkdir(SHOTS, { recursive: true });
    const networks = await createNetworks();
    await insertPlaces(
      realPlace(networks, SLUG, { status: 'published' }),
      realPlace(networks, 'brussels-art-factory-bruxelles', { status: 'published' }),
    );
    const id = (await LocationModel.findOne({ slug: SLUG }).lean().orFail())._id;
    await createPerson({
      name: 'Léa Manager',
      email: 'lea@example.org',
      memberships: [{ network: networks.get('smart-be')!, managedLocations: [id] }],
    });
    app = await startTestApp();
  });

  after(async function () {
    for (const b of opened) await b.close();
    await app?.close();
    await clearDatabase();
  });

  it('when a manager on a desktop picks a photo with JavaScript on, then it is previewed, a file over 10 MB is stopped before sending, and the upload shows in the list of photos', async function () {
    const page = await signedIn(DESKTOP);
    await page.goto(`${app.baseUrl}/manage/locations/${SLUG}/edit`);
    await page.getByRole('link', { name: uiString('en', 'manage:photos.editLink', { shown: 0, max: 8 }) }).click();
    await page.waitForURL(`${app.baseUrl}/manage/locations/${SLUG}/photos`);
    const file = page.getByLabel(uiString('en', 'manage:photos.file'), { exact: true });

    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    (await testImage('jpeg', 400, 300)).copy(big);
    await file.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: big });
    expect(await file.evaluate((input: HTMLInputElement) => input.validationMessage)).to.equal(
      uiString('en', 'manage:validation.photoTooLarge', { megabytes: 10 }),
    );
    await page.getByRole('button', { name: uiString('en', 'manage:photos.upload') }).click();
    expect(page.url(), 'the form was not sent').to.equal(`${app.baseUrl}/manage/locations/${SLUG}/photos`);

    await file.setInputFiles({
      name: 'salle.jpg',
      mimeType: 'image/jpeg',
      buffer: await testImage('jpeg', 1600, 1000, 1),
    });
    await page.locator('.photo-preview:not([hidden])').waitFor();
    expect(await shown(page, '.photo-preview')).to.include({ loaded: true });
    await page.locator('#new-alt-fr').fill('La grande salle de coworking');
    await page.locator('#new-alt-en').fill('The large coworking room');
    await page.screenshot({ path: path.join(SHOTS, 'upload-desktop-js.png'), fullPage: true });
    await Promise.all([
      page.waitForURL(/\/photos#photos$/),
      page.getByRole('button', { name: uiString('en', 'manage:photos.upload') }).click(),
    ]);
    expect(await page.locator('.flash').textContent()).to.equal(uiString('en', 'manage:flash.photoAdded'));
    const [photo] = await photosOf();
    const thumb = await shown(page, '.photo-list img');
    expect(thumb).to.include({ alt: 'The large coworking room', loaded: true });
    expect(thumb.sources[0]).to.equal(
      `/photos/${photo!.id}-320.webp 320w, /photos/${photo!.id}-640.webp 640w, /photos/${photo!.id}-1280.webp 1280w`,
    );
    await page.screenshot({ path: path.join(SHOTS, 'photos-desktop.png'), fullPage: true });
  });

  it('when a manager on a phone without JavaScript uploads a text file, then a Dutch error says so; a real photo is then added and moved first', async function () {
    const page = await signedIn({ ...PHONE, javaScriptEnabled: false }, 'nl');
    await page.goto(`${app.baseUrl}/manage/locations/${SLUG}/photos?lang=nl`);
    const file = page.getByLabel(uiString('nl', 'manage:photos.file'), { exact: true });
    const upload = page.getByRole('button', { name: uiString('nl', 'manage:photos.upload') });

    await file.setInputFiles({
      name: 'foto.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('Dit is tekst, geen foto.\n'.repeat(30)),
    });
    await page.locator('#new-alt-fr').fill('La terrasse');
    await Promise.all([page.waitForLoadState('load'), upload.click()]);
    const summary = page.locator('.error-summary');
    expect(await summary.textContent()).to.include(uiString('nl', 'manage:validation.photoType'));
    expect(await page.locator('#new-alt-fr').inputValue(), 'what was typed is kept').to.equal('La terrasse');
    expect(await photosOf()).to.have.length(1);
    await page.screenshot({ path: path.join(SHOTS, 'upload-error-phone-nojs.png'), fullPage: true });

    await file.setInputFiles({
      name: 'terras.png',
      mimeType: 'image/png',
      buffer: await testImage('png', 900, 700, 2),
    });
    await Promise.all([page.waitForURL(/\/photos#photos$/), upload.click()]);
    expect(await page.locator('.flash').textContent()).to.equal(uiString('nl', 'manage:flash.photoAdded'));
    const [, terrace] = await photosOf();
    expect(terrace!.alt).to.deep.equal({ fr: 'La terrasse' });

    await Promise.all([
      page.waitForURL(new RegExp(`#photo-${terrace!.id}$`)),
      page.getByRole('button', { name: uiString('nl', 'manage:photos.moveEarlierLabel', { position: 2 }) }).click(),
    ]);
    expect((await photosOf()).map((p) => p.id)[0]).to.equal(terrace!.id);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).to.be.at.most(390);
    await page.screenshot({ path: path.join(SHOTS, 'photos-phone-nojs.png'), fullPage: true });
  });

  for (const [label, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`when a visitor on a ${label} searches, then the first photo shows in the list and the popup, and the place page shows all of them with srcset and alt text`, async function () {
      const [first, second] = await photosOf();
      expect(first, 'the photos of the tests above').to.not.equal(undefined);
      const visitor = await browser(options);
      const page = await visitor.page();
      await page.goto(`${app.baseUrl}/?q=lavallee&lang=en`);
      await waitForMap(page);

      const inList = await shown(page, `.location-item[data-slug="${SLUG}"] img`);
      expect(inList).to.include({ alt: '', loaded: true });
      expect(inList.sources[0]).to.include(`/photos/${first!.id}-320.webp 320w`);
      await page.screenshot({ path: path.join(SHOTS, `list-${label}.png`), fullPage: true });

      // A phone shows the list first: the visitor switches to the map.
      if (label === 'phone') await page.getByRole('button', { name: uiString('en', 'directory:map.showMap') }).click();
      const marker = (await mapState(page)).markers.find((m) => m.slug === SLUG)!;
      await page.locator('#map').scrollIntoViewIfNeeded();
      const place = (await mapState(page)).markers.find((m) => m.slug === SLUG) ?? marker;
      await page.mouse.click(place.x, place.y);
      const inPopup = await shown(page, '.leaflet-popup-content img');
      expect(inPopup).to.include({ alt: '', loaded: true });
      expect(inPopup.srcset).to.include(`/photos/${first!.id}-320.webp 320w`);
      await page.screenshot({ path: path.join(SHOTS, `popup-${label}.png`) });

      await page.goto(`${app.baseUrl}/locations/${SLUG}?lang=en`);
      const gallery = page.locator('.photo-gallery img');
      expect(await gallery.count()).to.equal(2);
      const big = await shown(page, '.photo-gallery li:first-child img');
      expect(big).to.include({ alt: 'La terrasse', loaded: true });
      expect(await page.locator('.photo-gallery li:first-child img').getAttribute('lang')).to.equal('fr');
      expect(big.srcset).to.include(`/photos/${first!.id}-900.jpg 900w`);
      expect((await shown(page, '.photo-gallery li:nth-child(2) img')).alt).to.equal('The large coworking room');
      expect(second!.widths).to.deep.equal([320, 640, 1280]);
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).to.be.at.most(options.viewport!.width);
      await page.screenshot({ path: path.join(SHOTS, `place-${label}.png`), fullPage: true });
      expect(visitor.problems).to.deep.equal([]);
    });
  }
});
