// Every page, anonymous and signed in, on a phone and a desktop, checked by axe-core in a real Chromium: no serious or
// critical violation. Pages are checked once their scripts have run (the maps drawn), as people meet them.
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { PeerModel } from '../../server/federation/peer.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { insertExampleEvents } from '../../server/programmes/index.ts';
import { EventModel } from '../../server/programmes/event.model.ts';
import { ImportJobModel } from '../../server/opendata/import-job.model.ts';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { openBrowser, type TestBrowser } from '../support/browser.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { uiString } from './directory-page.ts';
import { withExampleTerms } from '../../server/demo/example-terms.ts';
import { insertAgreement } from '../support/agreements.ts';

const PLACE = 'lavallee-bruxelles';
const NETWORK = 'smart-be';
const ADMIN_EMAIL = 'ines@example.org';
const en = (key: string) => uiString('en', key);
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** The serious and critical violations on the page as it is now. */
async function violations(page: Page, name: string): Promise<Finding[]> {
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: name,
      rule: v.id,
      impact: v.impact!,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
}

describe('accessibility of every page (browser, axe-core)', function () {
  this.timeout(300_000);
  let app: TestApp;
  let browser: TestBrowser | undefined;
  let membershipId: string;
  let eventId: string;
  /** A CSV import waiting for its mapping, and one done with its report (open data). */
  let csvJob: string;
  let doneJob: string;
  let peerId: string;
  let agreementId: string;
  let proposalId: string;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(
      withExampleTerms(realPlace(networks, PLACE)),
      withExampleTerms(realPlace(networks, 'over-entinghe-dwingeloo')),
      realPlace(networks, (doc) => doc.address.countryCode === 'FR'),
    );
    const place = await LocationModel.findOne({ slug: PLACE }).lean<Location>();
    const admin = await createPerson({
      name: 'Inès Admin',
      email: ADMIN_EMAIL,
      instanceAdmin: true,
      memberships: [{ network: networks.get(NETWORK)!, networkAdmin: true, managedLocations: [place!._id] }],
    });
    membershipId = String((await MembershipModel.findOne({ user: admin.id }).lean())!._id);
    await insertExampleEvents();
    eventId = String((await EventModel.findOne({ rrule: 'FREQ=WEEKLY;BYDAY=TH' }).lean())!._id);
    const text = await readFile(new URL('../fixtures/cget-tiers-lieux-subset.csv', import.meta.url), 'utf8');
    const job = {
      network: networks.get(NETWORK)!,
      createdBy: 'sweep',
      kind: 'csv' as const,
      fileName: 'cget.csv',
      text,
    };
    csvJob = String((await ImportJobModel.create(job))._id);
    const report = {
      created: 2,
      updated: 0,
      unchanged: 0,
      archived: 0,
      rejected: [{ recordId: 'x', position: 3, fields: [], reasons: ['noName'] }],
    };
    doneJob = String((await ImportJobModel.create({ ...job, status: 'done', done: 3, total: 3, report }))._id);
    const peer = await PeerModel.create({
      baseUrl: 'https://smart-fr.passerelle.invalid',
      name: 'Smart FR',
      softwareName: 'Passerelle',
      softwareVersion: '0.1.0',
      protocolVersion: 1,
      feeds: { locations: 'https://smart-fr.passerelle.invalid/federation/v1/feeds/locations' },
      jwksUrl: 'https://smart-fr.passerelle.invalid/.well-known/jwks.json',
      languages: ['fr', 'en'],
      licence: 'ODbL-1.0',
      keys: [{ kid: 'request-abc', jwk: {}, fingerprint: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' }],
      health: { state: 'failing', lastErrorAt: new Date(), lastError: 'timeout', failures: 2 },
    });
    peerId = peer._id.toString();
    const [own, drenthe, anct] = [
      networks.get(NETWORK)!,
      networks.get('dorpshuizen-drenthe')!,
      networks.get('anct-tiers-lieux-2019')!,
    ];
    agreementId = (await insertAgreement(own, drenthe, admin.id, 'active')).toString();
    proposalId = (await insertAgreement(anct, own, admin.id)).toString();
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
    it(`when every page is opened on a ${viewport.name}, anonymous and signed in, then axe finds no serious or critical violation`, async function () {
      browser = await openBrowser({ viewport: { width: viewport.width, height: viewport.height } });
      const page = await browser.page();
      const findings: Finding[] = [];
      const check = async (name: string, path?: string) => {
        if (path !== undefined) await page.goto(app.baseUrl + path);
        findings.push(...(await violations(page, name)));
      };

      // Anonymous.
      await check('home', '/');
      await check('home, searched', '/?q=lavallee');
      await check('place', `/locations/${PLACE}`);
      await check('networks', '/networks');
      await check('network', `/networks/${NETWORK}`);
      await check('embed', `/embed?network=${NETWORK}`);
      await check('API reference', '/docs/api');
      await check('agreements', '/agreements');
      await check('agreement', `/agreements/${agreementId}`);
      await check('signup', '/signup');
      await check('forgot', '/password/forgot');
      await page.getByLabel(en('auth:fields.email')).fill(ADMIN_EMAIL);
      await Promise.all([page.waitForURL(/\/password\/forgot/), page.locator('main form button[type=submit]').click()]);
      await check('forgot, sent');
      await check('reset, unusable link', '/password/reset/not-a-real-token');
      await check('invitation, unusable link', '/invitations/not-a-real-token');
      await check('not found', '/locations/no-such-place');
      await check('agenda', '/agenda');
      await check('agenda, filtered', '/agenda?category=coaching-hour&language=fr');
      await check('event', `/events/${eventId}`);
      await check('login', '/login');
      // A refused sign-in shows the error summary.
      await page.getByLabel(en('auth:fields.email')).fill(ADMIN_EMAIL);
      await page.getByLabel(en('auth:fields.password')).fill('not the password');
      await page
        .getByRole('main')
        .getByRole('button', { name: en('auth:login.submit') })
        .click();
      await page.getByRole('alert').first().waitFor();
      await check('login, refused');

      // Signed in as an instance admin who runs a network and manages a place.
      await page.getByLabel(en('auth:fields.password')).fill(TEST_PASSWORD);
      await Promise.all([
        page.waitForURL(`${app.baseUrl}/`),
        page
          .getByRole('main')
          .getByRole('button', { name: en('auth:login.submit') })
          .click(),
      ]);
      await check('home, signed in');
      await check('me', '/me');
      await check('profile', '/me/profile');
      await check('password', '/me/password');
      await check('delete account', '/me/delete');
      await check('manage', '/manage');
      await check('editor', `/manage/locations/${PLACE}/edit`);
      await check('new location', '/manage/locations/new');
      await check('network admin', `/networks/${NETWORK}/admin`);
      await check('network edit', `/networks/${NETWORK}/admin/edit`);
      await check('member', `/networks/${NETWORK}/admin/members/${membershipId}`);
      await check('network audit', `/networks/${NETWORK}/audit`);
      await check('imports', `/networks/${NETWORK}/admin/import`);
      await check('CSV import preview', `/networks/${NETWORK}/admin/import/${csvJob}`);
      await check('import report', `/networks/${NETWORK}/admin/import/${doneJob}`);
      await check('admin', '/admin');
      await check('admin users', '/admin/users');
      await check('new network', '/admin/networks/new');
      await check('audit', '/admin/audit');
      await check('outbox', '/admin/outbox');
      await check('peers', '/admin/peers');
      await check('peer', `/admin/peers/${peerId}`);
      // A refused address shows the error summary.
      await page.goto(`${app.baseUrl}/admin/peers`);
      await page.getByLabel(en('federation:peers.url')).fill('not an address');
      await page.getByRole('button', { name: en('federation:peers.add') }).click();
      await page.getByRole('alert').first().waitFor();
      await check('peers, refused address');
      await check('place, signed in', `/locations/${PLACE}`);
      await check('interest at a place', `/locations/${PLACE}/interest`);
      await check('interest where no place is', '/interest/new?lat=50.85&lng=4.35');
      await check('my interest', '/me/interest');
      await check('demand beside supply', '/interest/map');
      await check('my events', '/manage/events');
      await check('new event', '/manage/events/new');
      await check('event editor', `/manage/events/${eventId}/edit`);
      await check('attendees', `/manage/events/${eventId}/attendees`);
      await check('event, signed in', `/events/${eventId}`);
      await check('my registrations', '/me/registrations');
      await check('member pass', '/me/pass');
      const code = await page.locator('.pass-code').first().getAttribute('data-code');
      await check('check-in', `/manage/check-in/${PLACE}`);
      await page.getByRole('button', { name: en('passes:checkIn.verify') }).click();
      await page.getByRole('alert').first().waitFor();
      await check('check-in, nothing typed');
      await page.getByLabel(en('passes:checkIn.pass')).fill(code ?? '');
      await page.getByRole('button', { name: en('passes:checkIn.verify') }).click();
      await page.locator('#verdict').waitFor();
      await check('check-in, verdict');
      await check('partner place, signed in', '/locations/over-entinghe-dwingeloo');
      await check('agreements, signed in', '/agreements');
      await check('proposal', `/agreements/${proposalId}`);
      await check('new agreement', '/agreements/new');
      await check('new agreement, terms', `/agreements/new?from=${NETWORK}&partner=anct-tiers-lieux-2019`);
      await check('counter-proposal', `/agreements/${proposalId}/counter`);

      const report = findings.map((f) => `${f.page}: ${f.rule} (${f.impact}) ${f.help} — ${f.targets.join(', ')}`);
      expect(report, report.join('\n')).to.deep.equal([]);
      // Chromium reports the 4xx of the pages that answer one on purpose; nothing else may go wrong.
      const unexpected = browser.problems.filter((p) => !/Failed to load resource: .*\b(400|401|404)\b/.test(p));
      expect(unexpected).to.deep.equal([]);
    });
  }
});
