// Reciprocal access in a real Chromium: a Smart BE member sees "free, N left" at a Drenthe place (the demo's example
// agreement) and the public price at a place of a network without one; a network admin accepts a proposal.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { seedExampleAgreement } from '../../server/access/index.ts';
import { withExampleTerms } from '../../server/demo/example-terms.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { insertAgreement } from '../support/agreements.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { uiString } from './directory-page.ts';

const en = (key: string, values: Record<string, string | number> = {}) => uiString('en', key, values);
const PARTNER_PLACE = 'over-entinghe-dwingeloo';
const OTHER = 'anct-tiers-lieux-2019';

async function logIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login?lang=en`);
  await page.getByLabel(en('auth:fields.email')).fill(email);
  await page.getByLabel(en('auth:fields.password')).fill(TEST_PASSWORD);
  await Promise.all([
    page.waitForURL(`${baseUrl}/`),
    page
      .getByRole('main')
      .getByRole('button', { name: en('auth:login.submit') })
      .click(),
  ]);
}

describe('reciprocal access in a browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: TestBrowser | undefined;
  let otherPlace = '';
  let proposalId = '';

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    const other = realPlace(networks, (doc) => doc.network.equals(networks.get(OTHER)), {
      status: 'published',
      dayParts: [{ part: 'morning', from: '09:00', to: '12:00' }],
      tariffs: [{ category: 'public', amount: 9, currency: 'EUR', per: 'day-part' }],
    } as never);
    otherPlace = other.slug;
    await insertPlaces(
      withExampleTerms(realPlace(networks, PARTNER_PLACE, { status: 'published' })),
      withExampleTerms(realPlace(networks, 'lavallee-bruxelles', { status: 'published' })),
      other,
    );
    await seedExampleAgreement(networks.get('smart-be')!, networks.get('dorpshuizen-drenthe')!, '2020-01-01');
    const amira = await createPerson({
      name: 'Amira Admin',
      email: 'amira@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    await createPerson({
      name: 'Mo Member',
      email: 'mo@example.org',
      memberships: [{ network: networks.get('smart-be')! }],
    });
    const anctAdmin = await createPerson({
      name: 'Anaïs Admin',
      email: 'anais@example.org',
      memberships: [{ network: networks.get(OTHER)!, networkAdmin: true }],
    });
    proposalId = (await insertAgreement(networks.get(OTHER)!, networks.get('smart-be')!, anctAdmin.id)).toString();
    expect(amira.id).to.exist;
    app = await startTestApp();
  });

  after(async function () {
    await browser?.close();
    await app?.close();
    await clearDatabase();
  });

  it('when a Smart BE member opens a Drenthe place and a place of a network without agreement, then they see free with the day-parts left, and the public price', async function () {
    browser = await openBrowser({ viewport: { width: 390, height: 844 } });
    const page = await browser.page();
    await logIn(page, app.baseUrl, 'mo@example.org');
    await page.goto(`${app.baseUrl}/locations/${PARTNER_PLACE}?lang=en`);
    const week = page.getByRole('region', { name: en('access:week.heading') });
    expect(await week.getByRole('note').textContent()).to.equal(en('access:example.prices'));
    const table = week.getByRole('table');
    const text = (await table.textContent())!.replace(/\s+/g, ' ');
    expect(text).to.match(/free.*4 of 4 included day-parts left in \w+/);
    expect(await table.getByRole('columnheader').allTextContents()).to.deep.equal([
      en('access:week.day'),
      en('access:week.dayPart'),
      en('access:week.price'),
      en('access:week.why'),
    ]);
    await page.screenshot({ path: '/tmp/access-work/week-phone.png', fullPage: true });

    await page.goto(`${app.baseUrl}/locations/${otherPlace}?lang=en`);
    const otherWeek = page.getByRole('region', { name: en('access:week.heading') });
    expect((await otherWeek.getByRole('table').textContent())!.replace(/\s+/g, ' ')).to.include('Public price: €9.00.');
    await browser.close();
    browser = undefined;
  });

  it('when the admin of the awaited network opens a proposal and accepts it, then it is in force and shown in the matrix', async function () {
    browser = await openBrowser({ viewport: { width: 1280, height: 900 } });
    const page = await browser.page();
    await logIn(page, app.baseUrl, 'amira@example.org');
    await page.goto(`${app.baseUrl}/agreements/${proposalId}?lang=en`);
    await page.screenshot({ path: '/tmp/access-work/proposal-desktop.png', fullPage: true });
    await Promise.all([
      page.waitForURL(`${app.baseUrl}/agreements/${proposalId}`),
      page.getByRole('button', { name: en('access:action.accept') }).click(),
    ]);
    expect(await page.getByRole('status').textContent()).to.equal(en('access:agreement.done.accept'));
    expect(await page.locator('.status-line .badge').textContent()).to.equal(en('access:status.active'));

    await page.goto(`${app.baseUrl}/agreements?lang=en`);
    const matrix = page.getByRole('table', { name: en('access:matrix.caption') });
    const rows = await matrix.getByRole('row').allTextContents();
    expect(rows.join(' ').replace(/\s+/g, ' ')).to.include(en('access:level.free'));
    await page.screenshot({ path: '/tmp/access-work/matrix-desktop.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/access-work/matrix-phone.png', fullPage: true });
  });
});
