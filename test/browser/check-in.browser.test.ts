// A member's pass checked in at the door, on phones in a real Chromium: the member opens /me/pass, the manager opens
// the place's check-in page from /manage, types the code (or scans the QR code with the camera), sees the member
// admitted with their name hint and the price, and records the visit.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { LocationModel } from '../../server/locations/location.model.ts';
import { UsageEventModel } from '../../server/passes/usage-event.model.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { fakeCameraArgs, qrVideo } from '../support/fake-camera.ts';
import { clearDatabase } from '../support/database.ts';
import { afternoonZone } from '../support/daytime-zone.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { uiString } from './directory-page.ts';

const PLACE = 'lavallee-bruxelles';
const PHONE = { width: 390, height: 844 };
const en = (key: string, values: Record<string, string | number> = {}) => uiString('en', key, values);

async function signIn(page: Page, app: TestApp, email: string): Promise<void> {
  await page.goto(`${app.baseUrl}/login`);
  await page.getByLabel(en('auth:fields.email')).fill(email);
  await page.getByLabel(en('auth:fields.password')).fill(TEST_PASSWORD);
  await Promise.all([
    page.waitForURL(`${app.baseUrl}/`),
    page
      .getByRole('main')
      .getByRole('button', { name: en('auth:login.submit') })
      .click(),
  ]);
}

describe('checking a member in at the door (browser)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let member: TestBrowser | undefined;
  let manager: TestBrowser | undefined;
  let scanner: TestBrowser | undefined;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(
      realPlace(networks, PLACE, {
        status: 'published',
        timeZone: afternoonZone(),
        tariffs: [{ category: 'own-member', amount: 7.5, currency: 'EUR', per: 'day-part' }],
      }),
    );
    const place = await LocationModel.findOne({ slug: PLACE }).lean();
    await createPerson({
      name: 'Amina Benali',
      email: 'amina@example.org',
      memberships: [{ network: networks.get('smart-be')! }],
    });
    await createPerson({
      name: 'Léa Manager',
      email: 'lea@example.org',
      memberships: [{ network: networks.get('smart-be')!, managedLocations: [place!._id] }],
    });
    app = await startTestApp();
  });

  after(async function () {
    await member?.close();
    await manager?.close();
    await scanner?.close();
    await app?.close();
    await clearDatabase();
  });

  it('when a member opens their pass and a manager types its code on a phone, then the member is admitted with their name hint and the visit is recorded', async function () {
    member = await openBrowser({ viewport: PHONE, isMobile: true, hasTouch: true });
    const memberPage = await member.page();
    await signIn(memberPage, app, 'amina@example.org');
    await memberPage.goto(`${app.baseUrl}/me`);
    await memberPage.getByRole('link', { name: en('me:memberships.passLink') }).click();
    await memberPage.waitForURL(`${app.baseUrl}/me/pass`);
    const pass = memberPage.getByRole('region', { name: 'Smart Belgium' });
    expect(await pass.getByRole('img').getAttribute('aria-label')).to.equal(
      en('passes:me.qrLabel', { network: 'Smart Belgium' }),
    );
    const code = (await pass.locator('.pass-code').textContent())!.trim();
    expect(code).to.match(/^[2-9A-Z]{3} [2-9A-Z]{3} [2-9A-Z]{3}$/);
    expect(await pass.textContent()).to.include('Amina B.');
    // Printed, the pass stands alone: no site header.
    await memberPage.emulateMedia({ media: 'print' });
    expect(await memberPage.locator('.site-header').isVisible()).to.equal(false);

    manager = await openBrowser({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await manager.page();
    await signIn(page, app, 'lea@example.org');
    await page.goto(`${app.baseUrl}/manage`);
    await page.getByRole('link', { name: en('passes:checkIn.linkLabel', { name: 'LaVallée' }) }).click();
    await page.waitForURL(`${app.baseUrl}/manage/check-in/${PLACE}`);
    // As a manager types it from the member's phone: small letters, no spaces.
    await page.getByLabel(en('passes:checkIn.pass')).fill(code.replace(/ /g, '').toLowerCase());
    await page.getByRole('button', { name: en('passes:checkIn.verify') }).click();

    const verdict = page.getByRole('region', { name: en('passes:checkIn.admitted') });
    await verdict.waitFor();
    expect(await verdict.evaluate((el) => el === document.activeElement), 'the verdict takes focus').to.equal(true);
    expect(await verdict.textContent())
      .to.include('Amina B.')
      .and.include('€7.50');
    expect(await UsageEventModel.countDocuments(), 'nothing is recorded before the manager confirms').to.equal(0);

    await verdict.getByRole('button', { name: en('passes:checkIn.confirm') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: en('passes:checkIn.recorded', { name: 'Amina B.' }) })
      .waitFor();
    const events = await UsageEventModel.find().lean();
    expect(events.map((e) => [e.kind, e.tariffCategory, e.dayPart])).to.deep.equal([
      ['walk-in', 'own-member', 'afternoon'],
    ]);
    expect([...member.problems, ...manager.problems]).to.deep.equal([]);
  });

  it('when a manager scans a member’s QR code with the phone’s camera, then the pass is checked without typing', async function () {
    const client = await member!.page();
    await client.goto(`${app.baseUrl}/api/v1/me/passes`);
    const { passes } = JSON.parse((await client.locator('body').textContent())!) as { passes: { token: string }[] };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-camera-'));
    try {
      const video = path.join(dir, 'pass.y4m');
      await qrVideo(passes[0]!.token, video);
      scanner = await openBrowser(
        { viewport: PHONE, isMobile: true, hasTouch: true },
        { chromiumArgs: fakeCameraArgs(video) },
      );
      await scanner.context.grantPermissions(['camera'], { origin: app.baseUrl });
      const page = await scanner.page();
      await signIn(page, app, 'lea@example.org');
      await page.goto(`${app.baseUrl}/manage/check-in/${PLACE}`);
      await page.getByRole('button', { name: en('passes:checkIn.scan') }).click();
      const verdict = page.getByRole('region', { name: en('passes:checkIn.admitted') });
      await verdict.waitFor({ timeout: 20_000 });
      expect(await verdict.textContent()).to.include('Amina B.');
      expect(scanner.problems).to.deep.equal([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
