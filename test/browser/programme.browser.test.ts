// Programmes in a real Chromium: a manager publishes a recurring ondernemerscafé in Dutch and French, and a member
// finds it in the agenda in French and registers with one click. Without any script of ours: the pages work as forms.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { EventModel } from '../../server/programmes/event.model.ts';
import { RegistrationModel } from '../../server/programmes/registration.model.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { uiString } from './directory-page.ts';

const HALL = 'over-entinghe-dwingeloo';
const SHOTS = process.env.PROGRAMME_SHOTS;

async function logIn(page: Page, app: TestApp, email: string, lang: string): Promise<void> {
  await page.goto(`${app.baseUrl}/login?lang=${lang}`);
  await page.getByLabel(uiString(lang, 'auth:fields.email')).fill(email);
  await page.getByLabel(uiString(lang, 'auth:fields.password')).fill(TEST_PASSWORD);
  await Promise.all([
    page.waitForURL(`${app.baseUrl}/`),
    page
      .getByRole('main')
      .getByRole('button', { name: uiString(lang, 'auth:login.submit') })
      .click(),
  ]);
}

const firstMondayAhead = (): string => {
  const d = new Date(Date.now() + 30 * 86_400_000);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

describe('a programme in a browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  let manager: TestBrowser | undefined;
  let member: TestBrowser | undefined;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, HALL));
    await createPerson({
      name: 'Hanna Hall',
      email: 'hanna@example.org',
      memberships: [{ network: networks.get('dorpshuizen-drenthe')!, networkAdmin: true }],
    });
    await createPerson({
      name: 'Sam Smart',
      email: 'sam@example.org',
      memberships: [{ network: networks.get('smart-be')! }],
    });
    app = await startTestApp();
  });

  after(async function () {
    await member?.close();
    await manager?.close();
    await app?.close();
    await clearDatabase();
  });

  it('when a manager publishes a monthly ondernemerscafé in Dutch and French, then a member registers for it from the agenda in French', async function () {
    const nl = (key: string) => uiString('nl', key);
    const fr = (key: string, values: Record<string, string | number> = {}) => uiString('fr', key, values);
    const day = firstMondayAhead();

    manager = await openBrowser({ javaScriptEnabled: false });
    const page = await manager.page();
    await logIn(page, app, 'hanna@example.org', 'nl');
    await page.goto(`${app.baseUrl}/manage/events/new`);
    await page.getByLabel(nl('programmes:form.where')).selectOption(`location:${HALL}`);
    await page.getByLabel(nl('programmes:form.language')).selectOption('nl');
    const titles = page.getByLabel(nl('programmes:form.title'), { exact: true });
    await titles.nth(1).fill('Ondernemerscafé Dwingeloo');
    await titles.nth(2).fill('Café des entrepreneurs de Dwingeloo');
    await page
      .getByLabel(nl('programmes:form.description'), { exact: true })
      .nth(2)
      .fill('Chaque premier lundi : café et entraide.');
    await page.getByLabel(nl('programmes:form.start')).fill(`${day}T19:30`);
    await page.getByLabel(nl('programmes:form.end')).fill(`${day}T21:30`);
    await page.getByLabel(nl('programmes:form.rrule')).fill('FREQ=MONTHLY;BYDAY=1MO');
    await page.getByLabel(nl('programmes:form.capacity')).fill('15');
    await page.getByLabel(nl('programmes:form.registrationRequired')).check();
    await page.getByLabel(nl('programmes:form.status')).selectOption('published');
    await Promise.all([
      page.waitForURL(/\/manage\/events\/[a-f0-9]{24}\/edit/),
      page.getByRole('button', { name: nl('programmes:form.create') }).click(),
    ]);
    expect(await page.locator('.flash').textContent()).to.include(nl('programmes:flash.created'));
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/event-form.png`, fullPage: true });

    member = await openBrowser({ viewport: { width: 390, height: 844 } });
    const phone = await member.page();
    await logIn(phone, app, 'sam@example.org', 'fr');
    await phone.goto(`${app.baseUrl}/agenda?lang=fr`);
    await phone.getByLabel(fr('programmes:agenda.category')).selectOption('ondernemerscafe');
    await Promise.all([
      phone.waitForURL(/category=ondernemerscafe/),
      phone.getByRole('button', { name: fr('programmes:agenda.apply'), exact: true }).click(),
    ]);
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/agenda-phone.png`, fullPage: true });
    const link = phone.getByRole('link', { name: 'Café des entrepreneurs de Dwingeloo' }).first();
    await Promise.all([phone.waitForURL(/\/events\/[a-f0-9]{24}\/\d{8}T\d{6}Z/), link.click()]);
    await Promise.all([
      phone.waitForLoadState('load'),
      phone.getByRole('button', { name: fr('programmes:register.member') }).click(),
    ]);
    await phone.locator('.register-box').getByText(fr('programmes:registration.yours.registered')).waitFor();
    if (SHOTS) await phone.screenshot({ path: `${SHOTS}/event-phone.png`, fullPage: true });

    const event = await EventModel.findOne().lean();
    expect(event?.title).to.include({ nl: 'Ondernemerscafé Dwingeloo', fr: 'Café des entrepreneurs de Dwingeloo' });
    expect(event?.rrule).to.equal('FREQ=MONTHLY;BYDAY=1MO');
    const registration = await RegistrationModel.findOne().lean();
    expect([registration?.email, registration?.status]).to.deep.equal(['sam@example.org', 'registered']);
    expect(member.problems).to.deep.equal([]);
  });
});
