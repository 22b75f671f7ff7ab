// Accounts against the real database: sign up, password reset by mail, password change, profile.
import { expect } from 'chai';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { PasswordResetModel } from '../../server/auth/password-reset.model.ts';
import { SessionModel } from '../../server/auth/session-store.ts';
import { OutboxModel } from '../../server/mail/outbox.model.ts';
import { clearDatabase } from '../support/database.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const NEW_PASSWORD = 'a quiet village hall in Drenthe';

/** How EJS writes a text into a page. */
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

const pageText = (lang: string, key: string) => escapeHtml(localeText(lang, key));

/** The newest mail to `to`, waiting for it: reset mails are sent in the background. */
async function mailTo(to: string, timeoutMs = 3000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mail = await OutboxModel.findOne({ to }).sort({ sentAt: -1 }).lean();
    if (mail || Date.now() > until) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const resetPath = (text: string) => /\/password\/reset\/[A-Za-z0-9_-]+/.exec(text)?.[0];

async function isSignedIn(client: TestClient): Promise<boolean> {
  return (await (await client.get('/?lang=en')).text()).includes(localeText('en', 'common:nav.logout'));
}

const signupFields = (overrides: Record<string, string> = {}) => ({
  name: 'Bram de Vries',
  email: 'bram@example.org',
  password: NEW_PASSWORD,
  passwordConfirm: NEW_PASSWORD,
  preferredLanguage: 'nl',
  ...overrides,
});

describe('accounts (integration)', function () {
  let app: TestApp;

  beforeEach(async () => {
    await clearDatabase();
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  describe('signing up', () => {
    it('when the sign-up form is opened in French, then French is the preselected language', async () => {
      const res = await app.get('/signup?lang=fr');
      expect(res.status).to.equal(200);
      expect(await res.text()).to.match(/<option value="fr" lang="fr" selected>/);
    });

    it('when a person signs up, then the account holds a hash (not the password), a pseudonym, and they are signed in', async () => {
      const client = new TestClient(app);
      const res = await client.post('/signup', signupFields({ email: ' Bram@Example.org ' }));
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/');
      const user = await UserModel.findOne({ email: 'bram@example.org' }).lean();
      expect(user).to.not.equal(null);
      expect(user!.name).to.equal('Bram de Vries');
      expect(user!.preferredLanguage).to.equal('nl');
      expect(user!.passwordHash).to.match(/^scrypt\$/);
      expect(user!.passwordHash).to.not.include(NEW_PASSWORD);
      expect(user!.pseudonym).to.match(/^Member [0-9a-f]{6}$/);
      const home = await (await client.get('/')).text();
      // Signed in, in the language chosen at sign-up, welcomed once.
      expect(home).to.include(localeText('nl', 'common:nav.logout'));
      expect(home).to.include(escapeHtml(localeText('nl', 'auth:signup.welcome').replace('{{name}}', 'Bram de Vries')));
      expect(await AuditModel.countDocuments({ action: 'user.create', entityId: user!._id.toString() })).to.equal(1);
    });

    it('when the invitation link sent a person to sign up, then they land on the invitation afterwards', async () => {
      const client = new TestClient(app);
      const res = await client.post('/signup', signupFields({ next: '/invitations/abc123' }));
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/invitations/abc123');
    });

    it('when `next` points to another site, then the person is sent home instead', async () => {
      const client = new TestClient(app);
      const res = await client.post('/signup', signupFields({ next: '//evil.example/phish' }));
      expect(res.headers.get('location')).to.equal('/');
    });

    it('when a form comes without a language, then the language it was read in is kept', async () => {
      const client = new TestClient(app);
      const { preferredLanguage: _ignored, ...fields } = signupFields();
      expect((await client.post('/signup?lang=de', fields)).status).to.equal(303);
      expect((await UserModel.findOne({ email: 'bram@example.org' }).lean())!.preferredLanguage).to.equal('de');
    });

    const badCases: [string, Record<string, string>, string, string][] = [
      ['an empty name', { name: '  ' }, 'name', 'auth:validation.name'],
      ['a too long name', { name: 'x'.repeat(101) }, 'name', 'auth:validation.nameTooLong'],
      ['an e-mail address without a domain', { email: 'bram@' }, 'email', 'auth:validation.email'],
      [
        'a nine-character password',
        { password: '123456789', passwordConfirm: '123456789' },
        'password',
        'auth:validation.passwordTooShort',
      ],
      [
        'a 201-character password',
        { password: 'p'.repeat(201), passwordConfirm: 'p'.repeat(201) },
        'password',
        'auth:validation.passwordTooLong',
      ],
      [
        'the e-mail address as password',
        { password: 'BRAM@example.org', passwordConfirm: 'BRAM@example.org' },
        'password',
        'auth:validation.passwordIsEmail',
      ],
      [
        'a confirmation that differs',
        { passwordConfirm: `${NEW_PASSWORD}!` },
        'passwordConfirm',
        'auth:validation.passwordMismatch',
      ],
      ['an unknown language', { preferredLanguage: 'xx' }, 'preferredLanguage', 'auth:validation.language'],
    ];
    for (const [what, overrides, field, key] of badCases) {
      it(`when the sign-up form has ${what}, then it comes back with status 400 and a German message, and nothing is stored`, async () => {
        const client = new TestClient(app);
        const res = await client.post('/signup?lang=de', signupFields(overrides));
        expect(res.status).to.equal(400);
        const html = await res.text();
        expect(html).to.include(`id="${field}-error"`);
        expect(html).to.include(pageText('de', key));
        expect(html).to.include('<html lang="de">');
        // What was typed comes back, except the passwords.
        expect(html).not.to.include(NEW_PASSWORD);
        expect(await UserModel.countDocuments()).to.equal(0);
        expect(await isSignedIn(client)).to.equal(false);
      });
    }

    it('when the address already has an account (in another case), then the form says so and nothing is stored', async () => {
      await createPerson({ name: 'Ana Lopes', email: 'ana@example.org' });
      const client = new TestClient(app);
      const res = await client.post('/signup?lang=fr', signupFields({ email: 'ANA@example.org' }));
      expect(res.status).to.equal(409);
      expect(await res.text()).to.include(pageText('fr', 'auth:validation.emailTaken'));
      expect(await UserModel.countDocuments()).to.equal(1);
      expect((await UserModel.findOne({ email: 'ana@example.org' }).lean())!.name).to.equal('Ana Lopes');
      expect(await isSignedIn(client)).to.equal(false);
    });
  });

  describe('resetting a forgotten password', () => {
    beforeEach(async () => {
      await createPerson({ name: 'Ana Lopes', email: 'ana@example.org' });
      await UserModel.updateOne({ email: 'ana@example.org' }, { $set: { preferredLanguage: 'nl' } });
    });

    it('when a person asks for a link and uses it, then the new password works, the old one does not, and other sessions end', async () => {
      const elsewhere = new TestClient(app);
      await elsewhere.login('ana@example.org', TEST_PASSWORD);

      const client = new TestClient(app);
      const asked = await client.post('/password/forgot?lang=en', { email: 'Ana@example.org' });
      expect(asked.status).to.equal(200);
      const mail = await mailTo('ana@example.org');
      // In the person's own language, whatever the page was read in.
      expect(mail!.subject).to.equal(localeText('nl', 'auth:mail.reset.subject'));
      expect(mail!.text).to.include(`${app.baseUrl}/password/reset/`);
      const link = resetPath(mail!.text)!;
      expect(await PasswordResetModel.countDocuments({ tokenHash: link.split('/').pop() })).to.equal(0);

      expect((await client.get(link)).status).to.equal(200);
      const res = await client.post(`${link}?lang=en`, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
      expect(res.status).to.equal(303);
      expect(await (await client.get('/?lang=en')).text()).to.include(localeText('en', 'auth:reset.done'));

      expect(await isSignedIn(elsewhere)).to.equal(false);
      expect(
        (await new TestClient(app).post('/login', { email: 'ana@example.org', password: TEST_PASSWORD })).status,
      ).to.equal(401);
      await new TestClient(app).login('ana@example.org', NEW_PASSWORD);
      const audit = await AuditModel.findOne({ action: 'user.password-reset' }).lean();
      expect(audit).to.not.equal(null);
      expect(JSON.stringify(audit)).not.to.match(/scrypt|passwordHash/);
    });

    it('when a reset link is used a second time, then it is refused and the password stays', async () => {
      const client = new TestClient(app);
      await client.post('/password/forgot', { email: 'ana@example.org' });
      const link = resetPath((await mailTo('ana@example.org'))!.text)!;
      expect((await client.post(link, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD })).status).to.equal(303);

      const other = new TestClient(app);
      const again = await other.post(`${link}?lang=fr`, {
        password: 'another long password',
        passwordConfirm: 'another long password',
      });
      expect(again.status).to.equal(400);
      expect(await again.text()).to.include(pageText('fr', 'auth:reset.used'));
      await new TestClient(app).login('ana@example.org', NEW_PASSWORD);
    });

    it('when a reset link is older than an hour, then it is refused', async () => {
      const client = new TestClient(app);
      await client.post('/password/forgot', { email: 'ana@example.org' });
      const link = resetPath((await mailTo('ana@example.org'))!.text)!;
      await PasswordResetModel.updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      const page = await client.get(`${link}?lang=de`);
      expect(page.status).to.equal(400);
      expect(await page.text()).to.include(pageText('de', 'auth:reset.expired'));
      const res = await client.post(link, { password: NEW_PASSWORD, passwordConfirm: NEW_PASSWORD });
      expect(res.status).to.equal(400);
      await new TestClient(app).login('ana@example.org', TEST_PASSWORD);
    });

    it('when a reset link was never sent, then the page says it is not valid (404)', async () => {
      const res = await app.get('/password/reset/not-a-real-token?lang=nl');
      expect(res.status).to.equal(404);
      expect(await res.text()).to.include(pageText('nl', 'auth:reset.unknown'));
    });

    it('when the new password is too short, then the form comes back and the link still works', async () => {
      const client = new TestClient(app);
      await client.post('/password/forgot', { email: 'ana@example.org' });
      const link = resetPath((await mailTo('ana@example.org'))!.text)!;
      const res = await client.post(`${link}?lang=en`, { password: 'short', passwordConfirm: 'short' });
      expect(res.status).to.equal(400);
      expect(await res.text()).to.include(pageText('en', 'auth:validation.passwordTooShort'));
      expect((await client.get(link)).status).to.equal(200);
    });

    it('when an unknown address asks for a link, then the answer is the same as for a known one, and no mail goes out', async () => {
      const known = await new TestClient(app).post('/password/forgot?lang=en', { email: 'ana@example.org' });
      const unknown = await new TestClient(app).post('/password/forgot?lang=en', { email: 'nobody@example.org' });
      expect(unknown.status).to.equal(known.status);
      const knownHtml = (await known.text()).replace('ana@example.org', 'ADDRESS');
      const unknownHtml = (await unknown.text()).replace('nobody@example.org', 'ADDRESS');
      expect(unknownHtml).to.equal(knownHtml);
      await mailTo('ana@example.org');
      expect(await OutboxModel.countDocuments({ to: 'nobody@example.org' })).to.equal(0);
    });

    it('when an account asks for more than five links in an hour, then it gets a clear 429 in its language', async () => {
      const client = new TestClient(app);
      for (let i = 0; i < 5; i += 1) {
        expect((await client.post('/password/forgot', { email: 'ana@example.org' })).status).to.equal(200);
      }
      const res = await client.post('/password/forgot?lang=fr', { email: 'ana@example.org' });
      expect(res.status).to.equal(429);
      expect(res.headers.get('retry-after')).to.match(/^\d+$/);
      expect(await res.text()).to.include(pageText('fr', 'errors:tooManyRequests_other').split('{{')[0]!);
      // The same for an address without an account: the limit reveals nothing.
      for (let i = 0; i < 5; i += 1) await client.post('/password/forgot', { email: 'nobody@example.org' });
      expect((await client.post('/password/forgot', { email: 'nobody@example.org' })).status).to.equal(429);
    });

    it("when the address is malformed, then the form says so in the reader's language", async () => {
      const res = await new TestClient(app).post('/password/forgot?lang=nl', { email: 'not an address' });
      expect(res.status).to.equal(400);
      expect(await res.text()).to.include(pageText('nl', 'auth:validation.email'));
    });
  });

  describe('changing the password', () => {
    beforeEach(async () => {
      await createPerson({ name: 'Ana Lopes', email: 'ana@example.org' });
    });

    it('when the current password is wrong, then the form says so and the password stays', async () => {
      const client = new TestClient(app);
      await client.login('ana@example.org', TEST_PASSWORD);
      const before = (await UserModel.findOne({ email: 'ana@example.org' }).lean())!.passwordHash;
      const res = await client.post('/me/password?lang=de', {
        currentPassword: 'not my password',
        password: NEW_PASSWORD,
        passwordConfirm: NEW_PASSWORD,
      });
      expect(res.status).to.equal(400);
      expect(await res.text()).to.include(pageText('de', 'auth:validation.currentPasswordWrong'));
      expect((await UserModel.findOne({ email: 'ana@example.org' }).lean())!.passwordHash).to.equal(before);
    });

    it('when the password is changed, then this session stays, other sessions end, and the change is audited without hashes', async () => {
      const client = new TestClient(app);
      const elsewhere = new TestClient(app);
      await client.login('ana@example.org', TEST_PASSWORD);
      await elsewhere.login('ana@example.org', TEST_PASSWORD);
      expect(await SessionModel.countDocuments({ userId: { $ne: null } })).to.equal(2);

      const res = await client.post('/me/password', {
        currentPassword: TEST_PASSWORD,
        password: NEW_PASSWORD,
        passwordConfirm: NEW_PASSWORD,
      });
      expect(res.status).to.equal(303);
      expect(await (await client.get('/me/password?lang=en')).text()).to.include(
        localeText('en', 'auth:password.changed'),
      );
      expect(await isSignedIn(client)).to.equal(true);
      expect(await isSignedIn(elsewhere)).to.equal(false);
      await new TestClient(app).login('ana@example.org', NEW_PASSWORD);
      const audit = await AuditModel.findOne({ action: 'user.password-change' }).lean();
      expect(audit).to.not.equal(null);
      expect(JSON.stringify(audit)).not.to.match(/scrypt|passwordHash/);
    });

    it('when someone not signed in opens the page, then they are sent to log in', async () => {
      const res = await new TestClient(app).get('/me/password');
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/login?next=%2Fme%2Fpassword');
    });
  });

  describe('the profile', () => {
    beforeEach(async () => {
      await createPerson({ name: 'Ana Lopes', email: 'ana@example.org' });
    });

    it('when the preferred language is changed, then pages show in it without ?lang, and the change is audited', async () => {
      const client = new TestClient(app);
      await client.login('ana@example.org', TEST_PASSWORD);
      expect(await (await client.get('/me/profile')).text()).to.include('<html lang="en">');
      const res = await client.post('/me/profile', { name: 'Ana Lopes Silva', preferredLanguage: 'de' });
      expect(res.status).to.equal(303);
      const page = await (await client.get('/me/profile')).text();
      expect(page).to.include('<html lang="de">');
      expect(page).to.include(pageText('de', 'auth:profile.saved'));
      expect(page).to.include('value="Ana Lopes Silva"');
      const audit = await AuditModel.findOne({ action: 'user.update' }).lean();
      expect(audit!.before).to.deep.equal({ name: 'Ana Lopes', preferredLanguage: 'en' });
      expect(audit!.after).to.deep.equal({ name: 'Ana Lopes Silva', preferredLanguage: 'de' });
    });

    it('when the language was chosen with the switcher earlier, then saving another in the profile still takes effect', async () => {
      const client = new TestClient(app);
      await client.login('ana@example.org', TEST_PASSWORD);
      await client.get('/?lang=fr');
      await client.post('/me/profile', { name: 'Ana Lopes', preferredLanguage: 'nl' });
      expect(await (await client.get('/')).text()).to.include('<html lang="nl">');
    });

    it('when the name is left empty, then the form says so and nothing changes', async () => {
      const client = new TestClient(app);
      await client.login('ana@example.org', TEST_PASSWORD);
      const res = await client.post('/me/profile?lang=fr', { name: ' ', preferredLanguage: 'de' });
      expect(res.status).to.equal(400);
      expect(await res.text()).to.include(pageText('fr', 'auth:validation.name'));
      const user = await UserModel.findOne({ email: 'ana@example.org' }).lean();
      expect(user!.name).to.equal('Ana Lopes');
      expect(user!.preferredLanguage).to.equal('en');
    });
  });
});
