// Instance administration against the real database: the landing page, people and roles, the mail outbox.
import { expect } from 'chai';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { OutboxModel } from '../../server/mail/outbox.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

const pageText = (lang: string, key: string, params: Record<string, string> = {}) =>
  escapeHtml(Object.entries(params).reduce((text, [k, v]) => text.replace(`{{${k}}}`, v), localeText(lang, key)));

describe('instance administration (integration)', function () {
  let app: TestApp;
  let adminId: string;
  let memberId: string;

  beforeEach(async () => {
    await clearDatabase();
    app = await startTestApp();
    const networks = await createNetworks();
    adminId = (
      await createPerson({ name: 'Iris Admin', email: 'iris@example.org', instanceAdmin: true })
    ).id.toString();
    memberId = (
      await createPerson({
        name: 'Mo Member',
        email: 'mo@example.org',
        memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
      })
    ).id.toString();
  });
  afterEach(async () => app.close());

  async function signedIn(email: string): Promise<TestClient> {
    const client = new TestClient(app);
    await client.login(email, TEST_PASSWORD);
    return client;
  }

  const pages = ['/admin', '/admin/users', '/admin/outbox'];

  for (const path of pages) {
    it(`when someone not signed in opens ${path}, then they are sent to log in`, async () => {
      const res = await new TestClient(app).get(path);
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal(`/login?next=${encodeURIComponent(path)}`);
    });

    it(`when a network admin (not an instance admin) opens ${path}, then it is refused with 403`, async () => {
      const client = await signedIn('mo@example.org');
      const res = await client.get(`${path}?lang=nl`);
      expect(res.status).to.equal(403);
      expect(await res.text()).to.include(pageText('nl', 'errors:forbidden'));
    });
  }

  it('when an instance admin opens /admin, then it links to networks, people, the audit log and the outbox', async () => {
    const client = await signedIn('iris@example.org');
    const res = await client.get('/admin?lang=fr');
    expect(res.status).to.equal(200);
    const html = await res.text();
    for (const href of ['/admin/networks/new', '/admin/users', '/admin/audit', '/admin/outbox']) {
      expect(html).to.include(`href="${href}"`);
    }
    expect(html).to.include(pageText('fr', 'admin:landing.title'));
  });

  describe('the outbox', () => {
    it('when an instance admin reads it, then mails show newest first, escaped, and the page says mail stays in the outbox', async () => {
      await OutboxModel.create([
        { to: 'old@example.org', subject: 'Older mail', text: 'first', sentAt: new Date('2026-01-01T10:00:00Z') },
        {
          to: 'new@example.org',
          subject: 'Newer <b>mail</b>',
          text: 'Line one\n<script>alert(1)</script>\nhttps://example.org/x?a=1&b=2',
          sentAt: new Date('2026-01-02T10:00:00Z'),
        },
      ]);
      const client = await signedIn('iris@example.org');
      const res = await client.get('/admin/outbox?lang=en');
      expect(res.status).to.equal(200);
      const html = await res.text();
      expect(html.indexOf('Newer')).to.be.lessThan(html.indexOf('Older mail'));
      expect(html).to.include('Newer &lt;b&gt;mail&lt;/b&gt;');
      expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.to.include('<script>alert(1)');
      expect(html).to.include('new@example.org');
      expect(html).to.include('datetime="2026-01-02T10:00:00.000Z"');
      expect(html).to.include(pageText('en', 'admin:outbox.viaOutbox'));
    });

    it('when the outbox page number is not a number, then it answers 400', async () => {
      const client = await signedIn('iris@example.org');
      expect((await client.get('/admin/outbox?page=abc')).status).to.equal(400);
    });
  });

  describe('people and roles', () => {
    it('when an instance admin searches by part of a name or e-mail (any case), then only the matching people are listed', async () => {
      const client = await signedIn('iris@example.org');
      const byName = await (await client.get('/admin/users?q=MEMB')).text();
      expect(byName).to.include('mo@example.org');
      expect(byName).not.to.include('iris@example.org</span>');
      const byEmail = await (await client.get('/admin/users?q=iris%40')).text();
      expect(byEmail).to.include('iris@example.org');
      expect(byEmail).not.to.include('mo@example.org');
      // Pattern characters are matched literally.
      const literal = await (await client.get('/admin/users?q=.*&lang=en')).text();
      expect(literal).to.include(localeText('en', 'admin:users.count_zero'));
    });

    it('when there are more people than fit a page, then the list is paginated', async () => {
      await UserModel.insertMany(
        Array.from({ length: 30 }, (_, i) => ({
          name: `Person ${String(i).padStart(2, '0')}`,
          email: `person${String(i).padStart(2, '0')}@example.org`,
          pseudonym: `Member ${i}`,
        })),
      );
      const client = await signedIn('iris@example.org');
      const first = await (await client.get('/admin/users?q=person&lang=en')).text();
      expect(first).to.include('person00@example.org');
      expect(first).not.to.include('person29@example.org');
      expect(first).to.include('href="/admin/users?q=person&amp;page=2"');
      const second = await (await client.get('/admin/users?q=person&page=2')).text();
      expect(second).to.include('person29@example.org');
      expect(second).not.to.include('person00@example.org');
    });

    it('when an instance admin makes someone an analyst and admin, then the roles are stored and audited', async () => {
      const client = await signedIn('iris@example.org');
      const res = await client.post(`/admin/users/${memberId}/roles`, { analyst: '1', instanceAdmin: '1', q: 'mo' });
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/admin/users?q=mo');
      const user = await UserModel.findById(memberId).lean();
      expect(user!.analyst).to.equal(true);
      expect(user!.instanceAdmin).to.equal(true);
      const audit = await AuditModel.findOne({ action: 'user.roles', entityId: memberId }).lean();
      expect(audit!.actor!.toString()).to.equal(adminId);
      expect(audit!.before).to.deep.equal({ instanceAdmin: false, analyst: false });
      expect(audit!.after).to.deep.equal({ instanceAdmin: true, analyst: true });
      expect(await (await client.get('/admin/users?q=mo&lang=en')).text()).to.include(
        pageText('en', 'admin:users.saved', { name: 'Mo Member' }),
      );
      // The new admin can use the page at once.
      expect((await (await signedIn('mo@example.org')).get('/admin/users')).status).to.equal(200);
    });

    it('when an instance admin unticks their own admin role, then it is refused with a translated message and kept', async () => {
      const client = await signedIn('iris@example.org');
      const res = await client.post(`/admin/users/${adminId}/roles?lang=de`, { analyst: '1' });
      expect(res.status).to.equal(409);
      expect(await res.text()).to.include(pageText('de', 'admin:users.ownAdminRole'));
      const user = await UserModel.findById(adminId).lean();
      expect(user!.instanceAdmin).to.equal(true);
      expect(user!.analyst).to.equal(false);
      expect(await AuditModel.countDocuments({ action: 'user.roles' })).to.equal(0);
    });

    it('when someone who is not an instance admin posts roles, then it is refused and nothing changes', async () => {
      const client = await signedIn('mo@example.org');
      const res = await client.post(`/admin/users/${memberId}/roles`, { instanceAdmin: '1' });
      expect(res.status).to.equal(403);
      expect((await UserModel.findById(memberId).lean())!.instanceAdmin).to.equal(false);
    });

    it('when the roles form has an odd value or an unknown id, then it answers 400 or 404 and nothing changes', async () => {
      const client = await signedIn('iris@example.org');
      expect((await client.post(`/admin/users/${memberId}/roles`, { analyst: 'yes please' })).status).to.equal(400);
      expect((await client.post('/admin/users/not-an-id/roles', { analyst: '1' })).status).to.equal(404);
      expect((await client.post('/admin/users/0123456789abcdef01234567/roles', { analyst: '1' })).status).to.equal(404);
      expect((await UserModel.findById(memberId).lean())!.analyst).to.equal(false);
    });
  });
});
