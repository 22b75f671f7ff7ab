// One way to report a bad form: each kind of broken rule comes back in the one error summary, linked to its field.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { NetworkModel } from '../../server/networks/network.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { locationFormFields, NEW_SMART_PLACE } from '../support/location-form.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** How EJS writes a text into a page. */
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

const shown = (key: string) => escapeHtml(localeText('en', key));

interface Summary {
  /** Every summary on the page: a form shows one, or none. */
  count: number;
  focusable: boolean;
  /** Links to fields, as `#field → text`. */
  links: Record<string, string>;
  /** Items that are not links: messages about the form as a whole. */
  formMessages: string[];
}

/** The page's error summary, read from the HTML the server sent. */
function summaryOf(html: string): Summary | undefined {
  const blocks = [...html.matchAll(/<div class="error-summary"([^>]*)>([\s\S]*?)<\/div>/g)];
  if (blocks.length === 0) return undefined;
  const [, attributes, body] = blocks[0]!;
  const items = [...body!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
  const links: Record<string, string> = {};
  const formMessages: string[] = [];
  for (const item of items) {
    const link = /^<a href="#([^"]+)">([\s\S]*)<\/a>$/.exec(item);
    if (link) links[link[1]!] = link[2]!;
    else formMessages.push(item);
  }
  return { count: blocks.length, focusable: /tabindex="-1"/.test(attributes!), links, formMessages };
}

/** The control with this id is marked invalid and described by the message under it, which says `message`. */
function expectFieldInError(html: string, id: string, message: string): void {
  const control = new RegExp(`<(?:input|select|textarea)[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0];
  expect(control, `control #${id}`).to.be.a('string');
  expect(control).to.include('aria-invalid="true"');
  expect(/aria-describedby="([^"]*)"/.exec(control!)?.[1]?.split(' ')).to.include(`${id}-error`);
  expect(html).to.include(`<p class="field-error" id="${id}-error">${message}</p>`);
}

describe('form errors (integration)', function () {
  let app: TestApp;
  let drenthe: Types.ObjectId;

  const signedIn = (email: string) => TestClient.signedIn(app, email);

  beforeEach(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    drenthe = networks.get('dorpshuizen-drenthe')!;
    await createPerson({ name: 'Iris Admin', email: 'iris@example.org', instanceAdmin: true });
    await createPerson({
      name: 'Jan Drenthe',
      email: 'jan@example.org',
      memberships: [{ network: drenthe, networkAdmin: true }],
    });
    await createPerson({
      name: 'Sophie Smart',
      email: 'sophie@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  it('when a new network’s slug is taken, then the form comes back 400 with the slug error in the summary, linked to the field', async () => {
    const iris = await signedIn('iris@example.org');

    const res = await iris.post('/admin/networks/new?lang=en', {
      language: 'en',
      name_en: 'Another Smart',
      slug: 'smart-be',
    });

    expect(res.status).to.equal(400);
    const html = await res.text();
    const message = shown('networks:validation.slugTaken');
    expect(summaryOf(html)).to.deep.equal({ count: 1, focusable: true, links: { slug: message }, formMessages: [] });
    expectFieldInError(html, 'slug', message);
    expect(await NetworkModel.countDocuments({ slug: 'smart-be' })).to.equal(1);
  });

  it('when the last network admin takes away their own admin flag, then the member form comes back 400 with the error linked to that flag', async () => {
    const jan = await signedIn('jan@example.org');
    const own = await MembershipModel.findOne({ network: drenthe, networkAdmin: true }).lean();

    const res = await jan.post(`/networks/dorpshuizen-drenthe/admin/members/${own!._id.toString()}?lang=en`, {
      category: 'member',
    });

    expect(res.status).to.equal(400);
    const html = await res.text();
    const message = shown('networks:validation.lastAdmin');
    expect(summaryOf(html)?.links).to.deep.equal({ networkAdmin: message });
    expectFieldInError(html, 'networkAdmin', message);
    expect(await MembershipModel.findById(own!._id).lean()).to.include({ networkAdmin: true });
  });

  it('when the current password is wrong, then the password form comes back 400 with the error linked to that field', async () => {
    const jan = await signedIn('jan@example.org');

    const res = await jan.post('/me/password?lang=en', {
      currentPassword: 'not my password',
      password: 'a quiet village hall in Drenthe',
      passwordConfirm: 'a quiet village hall in Drenthe',
    });

    expect(res.status).to.equal(400);
    const html = await res.text();
    const message = shown('auth:validation.currentPasswordWrong');
    expect(summaryOf(html)?.links).to.deep.equal({ currentPassword: message });
    expectFieldInError(html, 'currentPassword', message);
  });

  it('when the e-mail address has an account already, then sign-up comes back 409 with the error linked to the address', async () => {
    const res = await new TestClient(app).post('/signup?lang=en', {
      name: 'Jan Again',
      email: 'jan@example.org',
      password: 'a quiet village hall in Drenthe',
      passwordConfirm: 'a quiet village hall in Drenthe',
      preferredLanguage: 'en',
    });

    expect(res.status).to.equal(409);
    const html = await res.text();
    const message = shown('auth:validation.emailTaken');
    expect(summaryOf(html)?.links).to.deep.equal({ email: message });
    expectFieldInError(html, 'email', message);
    expect(await UserModel.countDocuments({ email: 'jan@example.org' })).to.equal(1);
  });

  it('when a log-in fails, then the summary says so for the form as a whole and marks neither field, so it tells nothing of which was wrong', async () => {
    const res = await new TestClient(app).post('/login?lang=en', {
      email: 'jan@example.org',
      password: 'not my password',
    });

    expect(res.status).to.equal(401);
    const html = await res.text();
    expect(summaryOf(html)).to.deep.equal({
      count: 1,
      focusable: true,
      links: {},
      formMessages: [shown('auth:login.failed')],
    });
    expect(html).not.to.include('aria-invalid');
  });

  it('when the only instance admin tries to delete their account, then the summary gives the reason with 409', async () => {
    const iris = await signedIn('iris@example.org');

    const res = await iris.post('/me/delete?lang=en', { password: TEST_PASSWORD });

    expect(res.status).to.equal(409);
    expect(summaryOf(await res.text())?.formMessages).to.deep.equal([shown('me:delete.lastInstanceAdmin')]);
  });

  it('when someone asks again to join a network while their request is pending, then the summary says so with 409', async () => {
    await createPerson({ name: 'Mila Member', email: 'mila@example.org' });
    const mila = await signedIn('mila@example.org');
    expect((await mila.post('/networks/dorpshuizen-drenthe/join', {})).status).to.equal(303);

    const again = await mila.post('/networks/dorpshuizen-drenthe/join?lang=en', {});

    expect(again.status).to.equal(409);
    expect(summaryOf(await again.text())?.formMessages).to.deep.equal([shown('networks:join.alreadyPending')]);
  });

  it('when the location editor names a network that does not exist, then the service’s 400 comes back in the editor’s summary', async () => {
    const jan = await signedIn('jan@example.org');

    const res = await jan.post(
      '/manage/locations/new?lang=en',
      locationFormFields({ ...NEW_SMART_PLACE, network: 'no-such-network' }),
    );

    expect(res.status).to.equal(400);
    const html = await res.text();
    const summary = summaryOf(html);
    expect(Object.keys(summary!.links)).to.deep.equal(['network']);
    expect(summary!.links.network).to.include(shown('manage:validation.networkUnknown'));
    expect(html).to.include(shown('manage:form.notSaved'));
    expect(await LocationModel.countDocuments()).to.equal(0);
  });

  it('when someone who may not write sends a form that would also be wrong, then it is refused as before, not shown as a form error', async () => {
    const sophie = await signedIn('sophie@example.org');
    const janMembership = await MembershipModel.findOne({ network: drenthe, networkAdmin: true }).lean();

    const member = await sophie.post(`/networks/dorpshuizen-drenthe/admin/members/${janMembership!._id.toString()}`, {
      category: 'no-such-category',
    });
    const network = await sophie.post('/admin/networks/new', { language: 'en', slug: 'smart-be' });

    for (const res of [member, network]) {
      expect(res.status).to.equal(403);
      expect(summaryOf(await res.text())).to.equal(undefined);
    }
    expect(await AuditModel.countDocuments()).to.equal(0);
  });
});
