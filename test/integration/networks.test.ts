// Networks against the real database: creating and editing them, their pages, joining, approving, roles, invitations.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { OutboxModel } from '../../server/mail/outbox.model.ts';
import { InvitationModel } from '../../server/networks/invitation.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { NetworkModel } from '../../server/networks/network.model.ts';
import { hashSecret } from '../../server/shared/db/secret-token.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** How EJS writes a text into a page. */
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** A UI string as the page shows it, with its placeholders filled in. */
const pageText = (lang: string, key: string, params: Record<string, string | number> = {}) =>
  escapeHtml(
    Object.entries(params).reduce(
      (text, [name, value]) => text.replace(`{{${name}}}`, String(value)),
      localeText(lang, key),
    ),
  );

const validNetwork = (overrides: Record<string, string> = {}) => ({
  language: 'nl',
  name_nl: 'Dorpshuizen in Friesland',
  name_en: 'Village halls in Friesland',
  name_fr: '',
  name_de: '',
  description_nl: 'De dorpshuizen van Friesland met flexplekken.',
  description_en: 'The village halls of Friesland with flex desks.',
  slug: '',
  countryCode: 'NL',
  website: 'https://dorpshuizen.example.org',
  logoUrl: 'https://dorpshuizen.example.org/logo.png',
  ...overrides,
});

describe('networks (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let drenthe: Types.ObjectId;
  let smart: Types.ObjectId;
  let janPerson: { id: Types.ObjectId };

  const signedIn = (email: string) => TestClient.signedIn(app, email);

  beforeEach(async () => {
    await clearDatabase();
    networks = await createNetworks();
    drenthe = networks.get('dorpshuizen-drenthe')!;
    smart = networks.get('smart-be')!;
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo'),
      realPlace(networks, 'de-veldkei-havelte', { status: 'draft' }),
      realPlace(networks, 'lavallee-bruxelles'),
      realPlace(networks, 'brussels-art-factory-bruxelles'),
    );
    await createPerson({ name: 'Iris Admin', email: 'iris@example.org', instanceAdmin: true });
    janPerson = await createPerson({
      name: 'Jan Drenthe',
      email: 'jan@example.org',
      memberships: [{ network: drenthe, networkAdmin: true }],
    });
    await createPerson({
      name: 'Sophie Smart',
      email: 'sophie@example.org',
      memberships: [{ network: smart, networkAdmin: true }],
    });
    await createPerson({ name: 'Mila Member', email: 'mila@example.org' });
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  describe('creating and editing a network', () => {
    it('when an instance admin creates a network, then it is stored with its language maps, shown and audited', async () => {
      const iris = await signedIn('iris@example.org');

      const res = await iris.post('/admin/networks/new', validNetwork());

      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/networks/dorpshuizen-in-friesland');
      const stored = await NetworkModel.findOne({ slug: 'dorpshuizen-in-friesland' }).lean();
      expect(stored).to.include({ language: 'nl', countryCode: 'NL', website: 'https://dorpshuizen.example.org/' });
      expect(stored!.name).to.deep.equal({ nl: 'Dorpshuizen in Friesland', en: 'Village halls in Friesland' });
      expect(stored!.description).to.have.keys('nl', 'en');
      const audit = await AuditModel.findOne({ action: 'network.create' }).lean();
      expect(audit!.entityId).to.equal(stored!._id.toString());
      expect(audit!.network!.toString()).to.equal(stored!._id.toString());
      const page = await (await iris.get('/networks/dorpshuizen-in-friesland?lang=en')).text();
      expect(page).to.include('Village halls in Friesland');
      expect(page).to.include(
        `alt="${pageText('en', 'networks:page.logoAlt', { name: 'Village halls in Friesland' })}"`,
      );
      expect(page).to.include(pageText('en', 'networks:form.created'));
    });

    it('when an instance admin creates a network, then they become its network admin and receive its join requests', async () => {
      const iris = await signedIn('iris@example.org');
      await iris.post('/admin/networks/new', validNetwork());
      const network = await NetworkModel.findOne({ slug: 'dorpshuizen-in-friesland' }).lean();

      const membership = await MembershipModel.findOne({ network: network!._id }).lean();
      expect(membership).to.include({ status: 'active', networkAdmin: true });
      expect(await AuditModel.countDocuments({ action: 'membership.create', network: network!._id })).to.equal(1);
      expect((await iris.get('/networks/dorpshuizen-in-friesland/admin')).status).to.equal(200);
      const mila = await signedIn('mila@example.org');
      expect((await mila.post('/networks/dorpshuizen-in-friesland/join', {})).status).to.equal(303);
      expect(await OutboxModel.countDocuments({ to: 'iris@example.org' })).to.equal(1);
    });

    it("when the network has no text in the reader's language, then the page says which language it shows", async () => {
      const iris = await signedIn('iris@example.org');
      await iris.post('/admin/networks/new', validNetwork({ name_en: '', description_en: '', slug: 'friesland' }));

      const page = await (await app.get('/networks/friesland?lang=de')).text();

      expect(page).to.include('Dorpshuizen in Friesland');
      expect(page).to.include(
        pageText('de', 'common:fallback.notice', { language: localeText('de', 'common:languageName.nl') }),
      );
    });

    it('when a member who is no instance admin sends the creation form, then it is refused and nothing is stored', async () => {
      const jan = await signedIn('jan@example.org');

      expect((await jan.get('/admin/networks/new')).status).to.equal(403);
      const res = await jan.post('/admin/networks/new', validNetwork());

      expect(res.status).to.equal(403);
      expect(await NetworkModel.countDocuments({})).to.equal(3);
    });

    it('when someone not logged in opens the creation form, then they are sent to log in and come back after', async () => {
      const res = await app.get('/admin/networks/new', { redirect: 'manual' });

      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal(`/login?next=${encodeURIComponent('/admin/networks/new')}`);
    });

    const badInput: [string, Record<string, string>, string, string][] = [
      ['a slug with spaces and capitals', { slug: 'Mijn Netwerk!' }, 'slug', 'networks:validation.slug'],
      ['a slug another network has', { slug: 'smart-be' }, 'slug', 'networks:validation.slugTaken'],
      [
        'a website that is not http(s)',
        { website: 'ftp://dorpshuizen.example.org' },
        'website',
        'networks:validation.website',
      ],
      [
        'a logo over plain http',
        { logoUrl: 'http://dorpshuizen.example.org/logo.png' },
        'logoUrl',
        'networks:validation.logoUrl',
      ],
      ['no name in its own language', { language: 'fr', name_nl: '' }, 'name_fr', 'networks:validation.nameRequired'],
      ['an unknown country', { countryCode: 'XX' }, 'countryCode', 'networks:validation.country'],
    ];
    for (const [situation, fields, field, key] of badInput) {
      it(`when the creation form has ${situation}, then it comes back with a translated 400 and nothing is stored`, async () => {
        const iris = await signedIn('iris@example.org');

        const res = await iris.post('/admin/networks/new?lang=nl', validNetwork(fields));

        expect(res.status).to.equal(400);
        const html = await res.text();
        expect(html).to.include(pageText('nl', key));
        expect(html).to.match(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
        expect(html).to.include('value="Village halls in Friesland"');
        expect(await NetworkModel.countDocuments({})).to.equal(3);
        expect(await AuditModel.countDocuments({ action: 'network.create' })).to.equal(0);
      });
    }

    it('when the generated slug is taken, then the form shows it so the admin can change it', async () => {
      const iris = await signedIn('iris@example.org');

      const res = await iris.post('/admin/networks/new?lang=en', validNetwork({ name_nl: 'Smart BE' }));

      expect(res.status).to.equal(400);
      const html = await res.text();
      expect(html).to.include(pageText('en', 'networks:validation.slugTaken'));
      expect(html).to.include('value="smart-be"');
    });

    it("when a network admin edits their network, then the change is stored and audited; another network's admin is refused", async () => {
      const jan = await signedIn('jan@example.org');
      const sophie = await signedIn('sophie@example.org');
      const fields = {
        language: 'nl',
        name_nl: 'Dorpshuizen Drenthe',
        name_en: 'Village halls of Drenthe',
        website: 'https://drenthe.example.org',
      };

      const refused = await sophie.post('/networks/dorpshuizen-drenthe/admin/edit', fields);
      const res = await jan.post('/networks/dorpshuizen-drenthe/admin/edit', fields);

      expect(refused.status).to.equal(403);
      expect(res.status).to.equal(303);
      const stored = await NetworkModel.findById(drenthe).lean();
      expect(stored!.name).to.deep.equal({ nl: 'Dorpshuizen Drenthe', en: 'Village halls of Drenthe' });
      expect(stored!.slug).to.equal('dorpshuizen-drenthe');
      const audit = await AuditModel.findOne({ action: 'network.update' }).lean();
      expect(audit!.before).to.have.nested.property('name.en', 'Village halls in Drenthe');
      expect(audit!.after).to.include({ website: 'https://drenthe.example.org/' });
    });
  });

  describe('the network page', () => {
    it("when the page is read, then it shows the network's published places only, on the map and in the list", async () => {
      const res = await app.get('/networks/dorpshuizen-drenthe?lang=en');

      expect(res.status).to.equal(200);
      const html = await res.text();
      expect(html).to.include('href="/locations/over-entinghe-dwingeloo"');
      expect(html).not.to.include('de-veldkei-havelte');
      expect(html).not.to.include('lavallee-bruxelles');
      const data = /<script type="application\/json" id="network-map-data">([^<]*)<\/script>/.exec(html);
      const places = JSON.parse(data![1]!) as { slug: string }[];
      expect(places.map((p) => p.slug)).to.deep.equal(['over-entinghe-dwingeloo']);
      expect(html).to.match(/src="\/assets\/v\/[0-9a-f]+\/js\/network-map.js"/);
    });

    it('when someone not logged in reads the page, then it offers to sign up or log in and come back', async () => {
      const html = await (await app.get('/networks/smart-be?lang=fr')).text();

      expect(html).to.include(pageText('fr', 'networks:join.anonymous'));
      expect(html).to.include(`href="/signup?next=${encodeURIComponent('/networks/smart-be')}"`);
      expect(html).to.include(`href="/login?next=${encodeURIComponent('/networks/smart-be')}"`);
    });

    it('when the list of networks is read, then every network is listed with a link', async () => {
      const html = await (await app.get('/networks?lang=en')).text();

      for (const slug of ['smart-be', 'dorpshuizen-drenthe', 'anct-tiers-lieux-2019']) {
        expect(html).to.include(`href="/networks/${slug}"`);
      }
    });

    it('when an unknown network is asked for, then the answer is 404', async () => {
      expect((await app.get('/networks/no-such-network')).status).to.equal(404);
    });
  });

  describe('joining and approving', () => {
    it('when a person asks to join and the network admin approves, then they become an active member and see it', async () => {
      const mila = await signedIn('mila@example.org');
      const form = await (await mila.get('/networks/dorpshuizen-drenthe?lang=en')).text();
      expect(form).to.include('action="/networks/dorpshuizen-drenthe/join"');

      const asked = await mila.post('/networks/dorpshuizen-drenthe/join', { memberNumber: 'DR-0042' });

      expect(asked.status).to.equal(303);
      const pending = await MembershipModel.findOne({ network: drenthe, memberNumber: 'DR-0042' }).lean();
      expect(pending!.status).to.equal('pending');
      expect(await (await mila.get('/networks/dorpshuizen-drenthe?lang=en')).text()).to.include(
        pageText('en', 'networks:join.pending'),
      );
      expect(await OutboxModel.countDocuments({ to: 'jan@example.org' })).to.equal(1);

      const again = await mila.post('/networks/dorpshuizen-drenthe/join?lang=nl', { memberNumber: 'DR-0042' });
      expect(again.status).to.equal(409);
      expect(await again.text()).to.include(pageText('nl', 'networks:join.alreadyPending'));
      expect(await MembershipModel.countDocuments({ network: drenthe, user: pending!.user })).to.equal(1);

      const jan = await signedIn('jan@example.org');
      const adminPage = await (await jan.get('/networks/dorpshuizen-drenthe/admin?lang=en')).text();
      expect(adminPage).to.include('Mila Member');
      expect(adminPage).to.include('DR-0042');
      const approved = await jan.post(
        `/networks/dorpshuizen-drenthe/admin/members/${pending!._id.toString()}/approve`,
        {
          category: 'resident',
        },
      );

      expect(approved.status).to.equal(303);
      const active = await MembershipModel.findById(pending!._id).lean();
      expect(active).to.include({ status: 'active', category: 'resident' });
      const audit = await AuditModel.findOne({ action: 'membership.approve' }).lean();
      expect(audit!.network!.toString()).to.equal(drenthe.toString());
      expect(await OutboxModel.countDocuments({ to: 'mila@example.org' })).to.equal(1);
      const memberPage = await (await mila.get('/networks/dorpshuizen-drenthe?lang=en')).text();
      expect(memberPage).to.include(
        pageText('en', 'networks:join.member', { category: localeText('en', 'networks:category.resident') }),
      );
    });

    it('when the member number is longer than 50 characters, then the form says so and nothing is stored', async () => {
      const mila = await signedIn('mila@example.org');

      const res = await mila.post('/networks/smart-be/join?lang=de', { memberNumber: 'x'.repeat(51) });

      expect(res.status).to.equal(400);
      expect(await res.text()).to.include(pageText('de', 'networks:validation.memberNumber'));
      expect(await MembershipModel.countDocuments({ network: smart, status: 'pending' })).to.equal(0);
    });

    it('when a declined person asks again, then their request is pending once more', async () => {
      const mila = await signedIn('mila@example.org');
      await mila.post('/networks/smart-be/join', {});
      const request = await MembershipModel.findOne({ network: smart, status: 'pending' }).lean();
      const sophie = await signedIn('sophie@example.org');
      await sophie.post(`/networks/smart-be/admin/members/${request!._id.toString()}/reject`, {});
      expect((await MembershipModel.findById(request!._id).lean())!.status).to.equal('rejected');
      expect(await (await mila.get('/networks/smart-be?lang=en')).text()).to.include(
        pageText('en', 'networks:join.rejected'),
      );

      expect((await mila.post('/networks/smart-be/join', { memberNumber: 'BE-7' })).status).to.equal(303);

      expect(await MembershipModel.findById(request!._id).lean()).to.include({
        status: 'pending',
        memberNumber: 'BE-7',
      });
    });

    it('when the admin of another network tries to approve a request, then it is refused and nothing changes', async () => {
      const mila = await signedIn('mila@example.org');
      await mila.post('/networks/dorpshuizen-drenthe/join', {});
      const request = await MembershipModel.findOne({ network: drenthe, status: 'pending' }).lean();
      const sophie = await signedIn('sophie@example.org');
      const id = request!._id.toString();

      const viaTheirUrl = await sophie.post(`/networks/dorpshuizen-drenthe/admin/members/${id}/approve`, {
        category: 'member',
      });
      const viaOwnUrl = await sophie.post(`/networks/smart-be/admin/members/${id}/approve`, { category: 'member' });
      const adminPage = await sophie.get('/networks/dorpshuizen-drenthe/admin');

      expect(viaTheirUrl.status).to.equal(403);
      expect(viaOwnUrl.status).to.equal(303);
      expect(adminPage.status).to.equal(403);
      expect((await MembershipModel.findById(request!._id).lean())!.status).to.equal('pending');
      expect(await AuditModel.countDocuments({ action: 'membership.approve' })).to.equal(0);
    });
  });

  describe('members and roles', () => {
    const membershipOf = async (person: { id: Types.ObjectId }, network: Types.ObjectId) =>
      (await MembershipModel.findOne({ user: person.id, network }).lean())!;

    it('when a network admin makes a member manager of one of its places, then it is stored and audited', async () => {
      const kees = await membershipOf(
        await createPerson({ name: 'Kees Lid', email: 'kees@example.org', memberships: [{ network: drenthe }] }),
        drenthe,
      );
      const place = await LocationModel.findOne({ slug: 'de-veldkei-havelte' }).lean();
      const jan = await signedIn('jan@example.org');

      const res = await jan.post(`/networks/dorpshuizen-drenthe/admin/members/${kees._id.toString()}`, {
        category: 'partner-member',
        managedLocations: [place!._id.toString()],
      });

      expect(res.status).to.equal(303);
      const after = await MembershipModel.findById(kees._id).lean();
      expect(after!.category).to.equal('partner-member');
      expect(after!.managedLocations.map(String)).to.deep.equal([place!._id.toString()]);
      const audit = await AuditModel.findOne({ action: 'membership.update' }).lean();
      expect(audit!.network!.toString()).to.equal(drenthe.toString());
    });

    it('when a network admin picks a place of another network to be managed, then it is refused and nothing changes', async () => {
      const kees = await membershipOf(
        await createPerson({ name: 'Kees Lid', email: 'kees@example.org', memberships: [{ network: drenthe }] }),
        drenthe,
      );
      const foreign = await LocationModel.findOne({ slug: 'lavallee-bruxelles' }).lean();
      const jan = await signedIn('jan@example.org');

      const res = await jan.post(`/networks/dorpshuizen-drenthe/admin/members/${kees._id.toString()}?lang=fr`, {
        category: 'member',
        managedLocations: [foreign!._id.toString()],
      });

      expect(res.status).to.equal(400);
      expect(await res.text()).to.include(pageText('fr', 'networks:validation.foreignLocation'));
      expect((await MembershipModel.findById(kees._id).lean())!.managedLocations).to.deep.equal([]);
      expect(await AuditModel.countDocuments({ action: 'membership.update' })).to.equal(0);
    });

    it('when the last network admin takes away their own admin flag or removes themselves, then it is refused', async () => {
      const own = await membershipOf(janPerson, drenthe);
      const jan = await signedIn('jan@example.org');

      const demoted = await jan.post(`/networks/dorpshuizen-drenthe/admin/members/${own._id.toString()}?lang=nl`, {
        category: 'member',
      });
      const removed = await jan.post(
        `/networks/dorpshuizen-drenthe/admin/members/${own._id.toString()}/remove?lang=nl`,
        {},
      );

      expect(demoted.status).to.equal(400);
      expect(await demoted.text()).to.include(pageText('nl', 'networks:validation.lastAdmin'));
      expect(removed.status).to.equal(400);
      expect(await MembershipModel.findById(own._id).lean()).to.include({ networkAdmin: true, status: 'active' });
    });

    it('when there is another network admin, then an admin may step down and remove a member', async () => {
      await createPerson({
        name: 'Anna Tweede',
        email: 'anna@example.org',
        memberships: [{ network: drenthe, networkAdmin: true }],
      });
      const keesPerson = await createPerson({
        name: 'Kees Lid',
        email: 'kees@example.org',
        memberships: [{ network: drenthe }],
      });
      const own = await membershipOf(janPerson, drenthe);
      const kees = await membershipOf(keesPerson, drenthe);
      const jan = await signedIn('jan@example.org');

      const removed = await jan.post(`/networks/dorpshuizen-drenthe/admin/members/${kees._id.toString()}/remove`, {});
      const demoted = await jan.post(`/networks/dorpshuizen-drenthe/admin/members/${own._id.toString()}`, {
        category: 'member',
      });

      expect(removed.status).to.equal(303);
      expect(await MembershipModel.exists({ _id: kees._id })).to.equal(null);
      expect(await AuditModel.countDocuments({ action: 'membership.remove' })).to.equal(1);
      expect(demoted.status).to.equal(303);
      expect((await MembershipModel.findById(own._id).lean())!.networkAdmin).to.equal(false);
      expect((await jan.get('/networks/dorpshuizen-drenthe/admin')).status).to.equal(403);
    });
  });

  describe('invitations', () => {
    const invite = async (client: TestClient, fields: Record<string, string | string[]> = {}) => {
      const res = await client.post('/networks/smart-be/admin/invitations', {
        email: '',
        mailLanguage: 'fr',
        category: 'member',
        days: '7',
        ...fields,
      });
      expect(res.status).to.equal(201);
      const html = await res.text();
      const token = /\/invitations\/([A-Za-z0-9_-]{20,})"/.exec(html)?.[1];
      expect(token, 'link on the page').to.be.a('string');
      return token!;
    };

    it('when an invited person signs up and accepts, then they are an active manager of the named place', async () => {
      const place = await LocationModel.findOne({ slug: 'lavallee-bruxelles' }).lean();
      const sophie = await signedIn('sophie@example.org');
      const token = await invite(sophie, { email: 'nora@example.org', managedLocations: [place!._id.toString()] });

      const stored = await InvitationModel.findOne({ network: smart }).lean();
      expect(stored!.tokenHash).to.equal(hashSecret(token));
      expect(JSON.stringify(stored)).not.to.include(token);
      const mail = await OutboxModel.findOne({ to: 'nora@example.org' }).lean();
      expect(mail!.text).to.include(`/invitations/${token}`);
      expect(mail!.subject).to.include('Smart Belgique');
      expect(await AuditModel.countDocuments({ action: 'invitation.create', network: smart })).to.equal(1);

      const nora = new TestClient(app);
      const offer = await (await nora.get(`/invitations/${token}?lang=en`)).text();
      expect(offer).to.include('Smart Belgium');
      const next = encodeURIComponent(`/invitations/${token}`);
      expect(offer).to.include(`href="/signup?next=${next}"`);
      const signup = await nora.post('/signup', {
        name: 'Nora Nouvelle',
        email: 'nora@example.org',
        password: 'a cooperative desk in Brussels',
        passwordConfirm: 'a cooperative desk in Brussels',
        preferredLanguage: 'fr',
        next: `/invitations/${token}`,
      });
      expect(signup.status).to.equal(303);
      expect(signup.headers.get('location')).to.equal(`/invitations/${token}`);
      expect(await (await nora.get(`/invitations/${token}`)).text()).to.include(
        `action="/invitations/${token}/accept"`,
      );

      const accepted = await nora.post(`/invitations/${token}/accept`, {});

      expect(accepted.status).to.equal(303);
      expect(accepted.headers.get('location')).to.equal('/networks/smart-be');
      const membership = await MembershipModel.findOne({
        network: smart,
        status: 'active',
        networkAdmin: false,
      }).lean();
      expect(membership!.managedLocations.map(String)).to.deep.equal([place!._id.toString()]);
      expect((await InvitationModel.findById(stored!._id).lean())!.usedAt).to.be.instanceOf(Date);
      expect(await AuditModel.countDocuments({ action: 'invitation.accept', network: smart })).to.equal(1);
      const page = await (await nora.get('/networks/smart-be?lang=fr')).text();
      expect(page).to.include(pageText('fr', 'networks:role.manager_one', { count: 1 }));
    });

    it('when an invitation was used, withdrawn or has expired, then it is refused with a translated 410', async () => {
      const sophie = await signedIn('sophie@example.org');
      const used = await invite(sophie);
      const revoked = await invite(sophie);
      const expired = 'expiredInvitationSecret0123456789abcdef';
      await InvitationModel.create({
        network: smart,
        tokenHash: hashSecret(expired),
        createdBy: (await MembershipModel.findOne({ network: smart }).lean())!.user,
        expiresAt: new Date(Date.now() - 60_000),
      });
      const mila = await signedIn('mila@example.org');
      expect((await mila.post(`/invitations/${used}/accept`, {})).status).to.equal(303);
      const revokedId = (await InvitationModel.findOne({ tokenHash: hashSecret(revoked) }).lean())!._id.toString();
      expect((await sophie.post(`/networks/smart-be/admin/invitations/${revokedId}/revoke`, {})).status).to.equal(303);
      await createPerson({ name: 'Otto Other', email: 'otto@example.org' });
      const otto = await signedIn('otto@example.org');

      for (const [token, state] of [
        [used, 'used'],
        [revoked, 'revoked'],
        [expired, 'expired'],
      ] as const) {
        const shown = await otto.get(`/invitations/${token}?lang=de`);
        expect(shown.status, state).to.equal(410);
        expect(await shown.text()).to.include(pageText('de', `networks:invitation.unusable.${state}`));
        const accepted = await otto.post(`/invitations/${token}/accept?lang=de`, {});
        expect(accepted.status, state).to.equal(410);
      }
      expect(await MembershipModel.countDocuments({ network: smart })).to.equal(2);
      expect((await otto.get('/invitations/notARealInvitationToken0000000000')).status).to.equal(404);
    });

    it('when an invitation names a place of another network or a bad validity, then it is refused and nothing stored', async () => {
      const foreign = await LocationModel.findOne({ slug: 'over-entinghe-dwingeloo' }).lean();
      const sophie = await signedIn('sophie@example.org');
      const base = { email: '', mailLanguage: 'en', category: 'member', days: '7' };

      const foreignPlace = await sophie.post('/networks/smart-be/admin/invitations?lang=en', {
        ...base,
        managedLocations: [foreign!._id.toString()],
      });
      const tooLong = await sophie.post('/networks/smart-be/admin/invitations?lang=en', { ...base, days: '31' });
      const otherNetwork = await sophie.post('/networks/dorpshuizen-drenthe/admin/invitations', base);

      expect(foreignPlace.status).to.equal(400);
      expect(await foreignPlace.text()).to.include(pageText('en', 'networks:validation.foreignLocation'));
      expect(tooLong.status).to.equal(400);
      expect(await tooLong.text()).to.include(pageText('en', 'networks:validation.days'));
      expect(otherNetwork.status).to.equal(403);
      expect(await InvitationModel.countDocuments({})).to.equal(0);
    });
  });
});
