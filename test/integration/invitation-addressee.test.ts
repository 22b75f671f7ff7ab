// Whom an invitation is for, against the real database: a link sent to an address works only for the account with
// that address (a forwarded link says so and stays usable by its addressee); an open link says anyone may use it.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { OutboxModel } from '../../server/mail/outbox.model.ts';
import { InvitationModel } from '../../server/networks/invitation.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { claims } from '../../server/shared/db/claims.ts';
import { hashSecret } from '../../server/shared/db/secret-token.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** How EJS writes a text into a page. */
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** A UI string as the page shows it, with its placeholders filled in. */
const pageText = (lang: string, key: string, params: Record<string, string> = {}) =>
  escapeHtml(
    Object.entries(params).reduce((text, [name, value]) => text.replace(`{{${name}}}`, value), localeText(lang, key)),
  );

/** A UI string up to its first placeholder (for texts that end in a date). */
const textUpToPlaceholder = (lang: string, key: string) => escapeHtml(localeText(lang, key).split('{{')[0]!);

const NORA = 'nora@example.org';
const NORA_MASKED = 'n•••@example.org';

describe('the invitation’s addressee (integration)', function () {
  let app: TestApp;
  let smart: Types.ObjectId;

  const signedIn = (email: string) => TestClient.signedIn(app, email);

  /** Sophie, admin of Smart BE, makes a link (sent to `email` when given) and returns its secret and the page shown. */
  async function invite(email = ''): Promise<{ token: string; created: string }> {
    const sophie = await signedIn('sophie@example.org');
    const res = await sophie.post('/networks/smart-be/admin/invitations?lang=en', {
      email,
      mailLanguage: 'en',
      category: 'member',
      days: '7',
    });
    expect(res.status).to.equal(201);
    const created = await res.text();
    const token = /\/invitations\/([A-Za-z0-9_-]{20,})"/.exec(created)?.[1];
    expect(token, 'link on the page').to.be.a('string');
    return { token: token!, created };
  }

  const invitationOf = async (token: string) =>
    (await InvitationModel.findOne({ tokenHash: hashSecret(token) }).lean())!;

  const membershipOf = async (email: string) => {
    const user = await UserModel.findOne({ email }).lean();
    return user ? MembershipModel.findOne({ user: user._id, network: smart }).lean() : null;
  };

  beforeEach(async () => {
    await clearDatabase();
    smart = (await createNetworks()).get('smart-be')!;
    await createPerson({
      name: 'Sophie Smart',
      email: 'sophie@example.org',
      memberships: [{ network: smart, networkAdmin: true }],
    });
    await createPerson({ name: 'Mila Member', email: 'mila@example.org' });
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  it('when a link sent to an address is opened signed out, then it names the address masked and offers to sign up or log in with it', async () => {
    const { token, created } = await invite(NORA);

    expect(created).to.include(pageText('en', 'networks:invitations.forAddress', { email: NORA }));
    const mail = await OutboxModel.findOne({ to: NORA }).lean();
    expect(mail!.text).to.include(`(${NORA})`);
    const res = await new TestClient(app).get(`/invitations/${token}?lang=en`);
    const page = await res.text();

    expect(res.status).to.equal(200);
    expect(page).to.include(pageText('en', 'networks:invitation.addressee.for', { email: NORA_MASKED }));
    expect(page).to.include(pageText('en', 'networks:invitation.addressee.signedOut'));
    expect(page, 'the full address').not.to.include(NORA);
    const next = encodeURIComponent(`/invitations/${token}`);
    expect(page).to.include(`href="/signup?next=${next}"`);
    expect(page).to.include(`href="/login?next=${next}"`);
    expect(page).not.to.include(`/invitations/${token}/accept`);
  });

  it('when the account with that address accepts, then it becomes a member, the address compared as accounts store it', async () => {
    const { token } = await invite(NORA);
    const nora = new TestClient(app);
    const signup = await nora.post('/signup', {
      name: 'Nora Nouvelle',
      email: '  Nora@Example.ORG ',
      password: 'a cooperative desk in Brussels',
      passwordConfirm: 'a cooperative desk in Brussels',
      preferredLanguage: 'fr',
      next: `/invitations/${token}`,
    });
    expect(signup.headers.get('location')).to.equal(`/invitations/${token}`);

    const page = await (await nora.get(`/invitations/${token}?lang=fr`)).text();
    const accepted = await nora.post(`/invitations/${token}/accept`, {});

    expect(page).to.include(
      pageText('fr', 'networks:invitation.addressee.yours', { name: 'Nora Nouvelle', email: NORA }),
    );
    expect(page).to.include(`action="/invitations/${token}/accept"`);
    expect(accepted.status).to.equal(303);
    expect(accepted.headers.get('location')).to.equal('/networks/smart-be');
    expect((await membershipOf(NORA))!.status).to.equal('active');
  });

  it('when another account opens or accepts a forwarded link, then it is refused with a 403 and the addressee can still use it', async () => {
    const { token } = await invite(NORA);
    const mila = await signedIn('mila@example.org');

    const shown = await mila.get(`/invitations/${token}?lang=nl`);
    const refused = await mila.post(`/invitations/${token}/accept?lang=nl`, {});

    const shownPage = await shown.text();
    expect(shown.status).to.equal(200);
    expect(shownPage).to.include(pageText('nl', 'networks:invitation.addressee.for', { email: NORA_MASKED }));
    expect(shownPage).to.include(
      pageText('nl', 'networks:invitation.addressee.otherAccount', { name: 'Mila Member', email: 'mila@example.org' }),
    );
    expect(shownPage).not.to.include(`action="/invitations/${token}/accept"`);
    expect(shownPage).to.include(textUpToPlaceholder('nl', 'networks:invitation.offerToSomeoneElse'));
    expect(shownPage, 'told they are invited').not.to.include(textUpToPlaceholder('nl', 'networks:invitation.offer'));
    expect(refused.status).to.equal(403);
    const refusedPage = await refused.text();
    expect(refusedPage).to.include(pageText('nl', 'networks:invitation.addressee.for', { email: NORA_MASKED }));
    expect(refusedPage).not.to.include(NORA);
    expect(refusedPage).not.to.include(`action="/invitations/${token}/accept"`);
    const invitation = await invitationOf(token);
    expect(invitation.usedAt).to.equal(undefined);
    expect(await claims.holder(`invitation:${invitation._id.toString()}:use`), 'the link’s use claimed').to.equal(null);
    expect(await membershipOf('mila@example.org')).to.equal(null);
    expect(await AuditModel.countDocuments({ action: 'invitation.accept' })).to.equal(0);

    // The page's way out: log out, log in with the address the link was sent to, and come back to it.
    const loggedOut = await mila.post('/logout', {
      next: `/login?next=${encodeURIComponent(`/invitations/${token}`)}`,
    });
    expect(loggedOut.status).to.equal(303);
    expect(loggedOut.headers.get('location')).to.equal(`/login?next=${encodeURIComponent(`/invitations/${token}`)}`);

    await createPerson({ name: 'Nora Nouvelle', email: NORA });
    const nora = await signedIn(NORA);
    expect((await nora.post(`/invitations/${token}/accept`, {})).status).to.equal(303);
    expect((await membershipOf(NORA))!.status).to.equal('active');
  });

  it('when someone signs up from an addressed link with another address, then they return to it and it is not accepted', async () => {
    const { token } = await invite(NORA);
    const stranger = new TestClient(app);

    const signup = await stranger.post('/signup', {
      name: 'Sam Stranger',
      email: 'sam@example.org',
      password: 'a forwarded link is not mine',
      passwordConfirm: 'a forwarded link is not mine',
      preferredLanguage: 'de',
      next: `/invitations/${token}`,
    });
    const page = await (await stranger.get(`${signup.headers.get('location')!}?lang=de`)).text();

    expect(signup.status).to.equal(303);
    expect(page).to.include(
      pageText('de', 'networks:invitation.addressee.otherAccount', { name: 'Sam Stranger', email: 'sam@example.org' }),
    );
    expect(page).not.to.include(`action="/invitations/${token}/accept"`);
    expect((await invitationOf(token)).usedAt).to.equal(undefined);
    expect(await membershipOf('sam@example.org')).to.equal(null);
  });

  it('when a link has no address, then its page says anyone with it can join, once, and anyone signed in accepts it', async () => {
    const { token, created } = await invite();

    expect(created).to.include(pageText('en', 'networks:invitations.forAnyone'));
    const anonymous = await (await new TestClient(app).get(`/invitations/${token}?lang=en`)).text();
    const mila = await signedIn('mila@example.org');
    const shown = await (await mila.get(`/invitations/${token}?lang=en`)).text();
    const accepted = await mila.post(`/invitations/${token}/accept`, {});

    for (const page of [anonymous, shown]) {
      expect(page).to.include(pageText('en', 'networks:invitation.open', { network: 'Smart Belgium', role: 'Member' }));
      expect(page).to.include(textUpToPlaceholder('en', 'networks:invitation.openUse'));
      expect(page).not.to.include(textUpToPlaceholder('en', 'networks:invitation.addressee.for'));
    }
    expect(anonymous).to.include(pageText('en', 'networks:invitation.anonymous'));
    expect(shown).to.include(`action="/invitations/${token}/accept"`);
    expect(accepted.status).to.equal(303);
    expect((await membershipOf('mila@example.org'))!.status).to.equal('active');
    const admin = await (await (await signedIn('sophie@example.org')).get('/networks/smart-be/admin?lang=en')).text();
    expect(admin).to.include(pageText('en', 'networks:invitations.anyone'));
  });
});
