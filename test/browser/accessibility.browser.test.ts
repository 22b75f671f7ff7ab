// Every page, anonymous and signed in, on a phone and a desktop, checked by axe-core in a real Chromium: no serious or
// critical violation. Pages are checked once their scripts have run (the maps drawn), as people meet them.
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { MembershipModel } from '../../server/networks/membership.model.ts';
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
      await check('admin', '/admin');
      await check('admin users', '/admin/users');
      await check('new network', '/admin/networks/new');
      await check('audit', '/admin/audit');
      await check('outbox', '/admin/outbox');
      await check('place, signed in', `/locations/${PLACE}`);
      await check('partner place, signed in', '/locations/over-entinghe-dwingeloo');
      await check('agreements, signed in', '/agreements');
      await check('proposal', `/agreements/${proposalId}`);
      await check('new agreement', '/agreements/new');
      await check('new agreement, terms', `/agreements/new?from=${NETWORK}&partner=anct-tiers-lieux-2019`);
      await check('counter-proposal', `/agreements/${proposalId}/counter`);

      const report = findings.map((f) => `${f.page}: ${f.rule} (${f.impact}) ${f.help} — ${f.targets.join(', ')}`);
      expect(report, report.join('\n')).to.deep.equal([]);
      // Chromium reports the 4xx of the pages that answer one on purpose; nothing else may go wrong.
      const unexpected = browser.problems.filter((p) => !/Failed to load resource: .*\b(401|404)\b/.test(p));
      expect(unexpected).to.deep.equal([]);
    });
  }
});
