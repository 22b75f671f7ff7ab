// A manager's first day, in a real Chromium: invited by a network admin, they sign up, translate their listing into
// French and Dutch, fix the opening hours the editor refused, publish, and find the listing on the public map.
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { openingHoursError } from '../../server/locations/index.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { afterMapUpdate, listSlugs, mapState, uiString, waitForMap } from './directory-page.ts';

const SLUG = 'brussels-art-factory-bruxelles';
const NAME = 'Brussels Art Factory';
const BAD_HOURS = 'Monday to Friday, nine to five';
const GOOD_HOURS = 'Mo-Fr 09:00-17:00; Sa 10:00-13:00';
const en = (key: string, values: Record<string, string | number> = {}) => uiString('en', key, values);

/** The texts of the elements that describe a form control (aria-describedby), as a screen reader reads them. */
async function descriptionOf(page: Page, label: string): Promise<string> {
  return page.getByLabel(label, { exact: true }).evaluate((input) =>
    (input.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

describe('a manager’s journey in a browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  let admin: TestBrowser | undefined;
  let newcomer: TestBrowser | undefined;

  before(async function () {
    // Data first, then the app, so the directory is built from this data alone.
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(
      realPlace(networks, SLUG, { status: 'draft' }),
      realPlace(networks, 'lavallee-bruxelles'),
      realPlace(networks, 'over-entinghe-dwingeloo'),
    );
    await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    app = await startTestApp();
  });

  after(async function () {
    await newcomer?.close();
    await admin?.close();
    await app?.close();
    await clearDatabase();
  });

  it('when a network admin invites a manager for a draft listing, then the newcomer signs up, translates it, fixes its hours, publishes it and finds it on the map', async function () {
    expect(openingHoursError(BAD_HOURS, 'BE'), 'the hours typed first are really wrong').to.be.a('string');

    // The network admin signs in and makes an invitation link for the manager of the draft listing.
    admin = await openBrowser();
    const adminPage = await admin.page();
    await adminPage.goto(`${app.baseUrl}/login`);
    await adminPage.getByLabel(en('auth:fields.email')).fill('nadia@example.org');
    await adminPage.getByLabel(en('auth:fields.password')).fill(TEST_PASSWORD);
    await Promise.all([
      adminPage.waitForURL(`${app.baseUrl}/`),
      adminPage
        .getByRole('main')
        .getByRole('button', { name: en('auth:login.submit') })
        .click(),
    ]);
    await adminPage.goto(`${app.baseUrl}/networks/smart-be/admin`);
    const invitations = adminPage.getByRole('region', { name: en('networks:invitations.heading') });
    await invitations.getByLabel(en('networks:admin.category')).selectOption({ label: en('networks:category.member') });
    await invitations
      .getByLabel(en('networks:invitations.managedLocations'))
      .selectOption({ label: `${NAME} (${en('networks:status.draft')})` });
    await Promise.all([
      adminPage.waitForURL(`${app.baseUrl}/networks/smart-be/admin/invitations`),
      invitations.getByRole('button', { name: en('networks:invitations.create') }).click(),
    ]);
    await adminPage.getByRole('heading', { level: 1, name: en('networks:invitations.createdTitle') }).waitFor();
    const link = await adminPage.getByLabel(en('networks:invitations.link')).inputValue();
    expect(link).to.match(new RegExp(`^${app.baseUrl}/invitations/[A-Za-z0-9_-]{20,}$`));
    expect(admin.problems, 'the admin’s pages').to.deep.equal([]);

    // A newcomer, in a browser of their own, opens the link and signs up through it.
    newcomer = await openBrowser();
    const page = await newcomer.page();
    await page.goto(link);
    const main = page.getByRole('main');
    expect(await main.getByRole('listitem').allTextContents()).to.deep.equal([NAME]);
    await Promise.all([
      page.waitForURL(/\/signup\?next=/),
      main.getByRole('link', { name: en('networks:invitation.signup') }).click(),
    ]);
    await page.getByLabel(en('auth:fields.name'), { exact: true }).fill('Camille Dubois');
    await page.getByLabel(en('auth:fields.email')).fill('camille@example.org');
    await page.getByLabel(en('auth:fields.newPassword')).fill('lanterns over the canal at dusk');
    await page.getByLabel(en('auth:fields.passwordConfirm')).fill('lanterns over the canal at dusk');
    await Promise.all([page.waitForURL(link), page.getByRole('button', { name: en('auth:signup.submit') }).click()]);

    // Back on the invitation, now signed in: accepting it makes Camille the manager of the listing.
    await Promise.all([
      page.waitForURL(`${app.baseUrl}/networks/smart-be`),
      main.getByRole('button', { name: en('networks:invitation.accept') }).click(),
    ]);
    expect(await page.getByRole('status').first().textContent()).to.include(en('networks:invitation.accepted'));

    // /manage lists the listing; its editor opens from there.
    const account = page.getByRole('navigation', { name: en('common:nav.label') });
    await Promise.all([
      page.waitForURL(`${app.baseUrl}/manage`),
      account.getByRole('link', { name: en('common:nav.manage') }).click(),
    ]);
    await Promise.all([
      page.waitForURL(`${app.baseUrl}/manage/locations/${SLUG}/edit`),
      main.getByRole('link', { name: en('manage:index.editLabel', { name: NAME }) }).click(),
    ]);

    // French and Dutch, side by side; and opening hours the checker cannot read.
    const french = main.getByRole('group', { name: en('manage:form.ownLanguage', { language: 'French' }) });
    const dutch = main.getByRole('group', { name: 'Dutch', exact: true });
    await french.getByLabel(en('manage:form.name'), { exact: true }).fill('Brussels Art Factory');
    await french
      .getByLabel(en('manage:form.description'))
      .fill('Ateliers partagés et bureaux pour les artistes et les indépendants, près du canal.');
    await dutch.getByLabel(en('manage:form.name'), { exact: true }).fill('Brussels Art Factory');
    await dutch
      .getByLabel(en('manage:form.description'))
      .fill('Gedeelde ateliers en bureaus voor kunstenaars en zelfstandigen, vlak bij het kanaal.');
    const hoursLabel = en('manage:form.openingHours');
    await page.getByLabel(hoursLabel, { exact: true }).fill(BAD_HOURS);
    const save = main.getByRole('button', { name: en('manage:form.save') });
    const refused = page.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/edit'));
    await save.click();
    expect((await refused).status(), 'the editor refuses the hours').to.equal(400);
    await page.waitForLoadState();

    // The refusal is said next to the field, in English, with what was typed kept.
    const hours = page.getByLabel(hoursLabel, { exact: true });
    expect(await hours.getAttribute('aria-invalid')).to.equal('true');
    expect(await hours.inputValue()).to.equal(BAD_HOURS);
    const [before] = en('manage:validation.openingHours').split('{{checker') as [string];
    expect(await descriptionOf(page, hoursLabel)).to.include(before.trim());
    expect(await main.getByRole('alert').textContent()).to.include(en('manage:form.notSaved'));
    expect(await dutch.getByLabel(en('manage:form.name'), { exact: true }).inputValue()).to.equal(
      'Brussels Art Factory',
    );
    const unsaved = await LocationModel.findOne({ slug: SLUG }).lean<Location>();
    expect(unsaved?.description?.nl, 'nothing stored').to.equal(undefined);
    // Chromium reports the 400 answer itself as a console error; that one is expected here, and nothing else.
    const unexpected = newcomer.problems.filter((p) => !/Failed to load resource: .*\b400\b/.test(p));
    expect(unexpected, 'problems up to the refused save').to.deep.equal([]);
    newcomer.problems.length = 0;

    // Fixed hours are saved, then the listing is published.
    await hours.fill(GOOD_HOURS);
    await Promise.all([page.waitForURL(`${app.baseUrl}/manage/locations/${SLUG}/edit`), save.click()]);
    expect(await page.getByRole('status').first().textContent()).to.include(en('manage:flash.saved'));
    const saved = await LocationModel.findOne({ slug: SLUG }).lean<Location>();
    expect(saved?.openingHours).to.equal(GOOD_HOURS);
    expect(saved?.description).to.include({
      fr: 'Ateliers partagés et bureaux pour les artistes et les indépendants, près du canal.',
      nl: 'Gedeelde ateliers en bureaus voor kunstenaars en zelfstandigen, vlak bij het kanaal.',
    });
    expect(saved?.name).to.include({ fr: 'Brussels Art Factory', nl: 'Brussels Art Factory' });
    await Promise.all([
      page.waitForURL(`${app.baseUrl}/manage/locations/${SLUG}/edit`),
      main.getByRole('button', { name: en('manage:statusPanel.publish'), exact: true }).click(),
    ]);
    expect(await page.getByRole('status').first().textContent()).to.include(en('manage:flash.published'));

    // On the public map: a search for its name lists it and puts its marker on the map, once the directory follows.
    await page.goto(`${app.baseUrl}/`);
    await waitForMap(page);
    const search = page.getByRole('search');
    let found = { listed: false, marked: false };
    for (const deadline = Date.now() + 5000; !(found.listed && found.marked) && Date.now() < deadline;) {
      await search.getByLabel(en('directory:filters.q')).fill('Art Factory');
      await afterMapUpdate(page, () => search.getByRole('button', { name: en('directory:filters.submit') }).click());
      found = {
        listed: (await listSlugs(page)).includes(SLUG),
        marked: (await mapState(page)).markers.some((m) => m.kind === 'place' && m.slug === SLUG),
      };
    }
    expect(found, 'the listing in the list and on the map').to.deep.equal({ listed: true, marked: true });
    expect(await page.locator('#results').getByRole('link', { name: NAME }).count()).to.be.greaterThan(0);
    expect(newcomer.problems, 'the newcomer’s pages').to.deep.equal([]);
  });
});
