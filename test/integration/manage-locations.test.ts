// Managing locations against the real database: /manage, the editor, status changes and the JSON write API.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { ApiTokenModel } from '../../server/auth/api-token.model.ts';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { hashSecret } from '../../server/shared/db/secret-token.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const SLUGS = ['over-entinghe-dwingeloo', 'de-veldkei-havelte', 'lavallee-bruxelles', 'brussels-art-factory-bruxelles'];

/** A form's fields from the write schema's shape: nested groups become dotted names, as the editor writes them. */
function formFields(values: Record<string, unknown>, prefix = ''): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    const name = prefix + key;
    if (value === undefined || value === null) continue;
    if (key === 'facilities') fields[name] = value as string[];
    else if (Array.isArray(value))
      value.forEach((row, i) => Object.assign(fields, formFields(row as Record<string, unknown>, `${name}.${i}.`)));
    else if (typeof value === 'object') Object.assign(fields, formFields(value as Record<string, unknown>, `${name}.`));
    else if (value === true) fields[name] = 'true';
    else if (typeof value === 'string' || typeof value === 'number') fields[name] = String(value);
  }
  return fields;
}

/** What the editor shows for a stored location, as form fields. */
function storedForm(location: Location, network: string): Record<string, string | string[]> {
  return formFields({
    network,
    language: location.language,
    name: location.name,
    description: location.description,
    type: location.type,
    model: location.model,
    address: location.address,
    coordinates: location.coordinates,
    openingHours: location.openingHours,
    timeZone: location.timeZone,
    facilities: location.facilities,
    capacity: location.capacity,
    tariffs: location.tariffs?.map(({ category, amount, currency }) => ({ category, amount, currency })),
  });
}

const newPlace = {
  network: 'smart-be',
  language: 'fr',
  name: { fr: 'La Fonderie Namur', nl: 'De Gieterij Namen' },
  description: { fr: 'Espace de travail partagé près de la gare.' },
  type: 'coworking',
  model: { governance: 'partner', openness: 'public', spaceKind: 'shared-workspace' },
  address: { street: 'Rue de Fer 12', postcode: '5000', locality: 'Namur', countryCode: 'BE' },
  coordinates: { lat: 50.4669, lng: 4.8675 },
  openingHours: 'Mo-Fr 09:00-17:00',
  timeZone: 'Europe/Brussels',
  facilities: ['wifi', 'desks'],
  capacity: { desks: 12 },
  tariffs: [{ category: 'public', amount: 9 }],
};

/** A page's text as a reader sees it: tags dropped, entities decoded, spaces collapsed. */
const text = async (res: Response) =>
  (await res.text())
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const find = (slug: string) => LocationModel.findOne({ slug }).lean<Location>();

describe('managing locations (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let ids: Map<string, Types.ObjectId>;
  let leaId: Types.ObjectId;

  const smartBe = () => networks.get('smart-be')!;
  const drenthe = () => networks.get('dorpshuizen-drenthe')!;

  async function signedIn(email: string): Promise<TestClient> {
    const client = new TestClient(app);
    await client.login(email, TEST_PASSWORD);
    return client;
  }

  async function token(userId: Types.ObjectId): Promise<string> {
    const secret = `psl_test${userId.toString()}`;
    await ApiTokenModel.create({
      user: userId,
      name: 'script',
      tokenHash: hashSecret(secret),
      prefix: secret.slice(0, 8),
    });
    return secret;
  }

  async function publicSlugs(q: string): Promise<string[]> {
    const res = await app.get(`/api/v1/locations?zoom=22&q=${encodeURIComponent(q)}`);
    const body = (await res.json()) as { features: { properties: { slug?: string } }[] };
    return body.features.map((f) => f.properties.slug!).filter(Boolean);
  }

  /** Polls the public API, as a visitor would reload, until `done` or two seconds have passed. */
  async function within2s(q: string, done: (slugs: string[]) => boolean): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < 2000) {
      if (done(await publicSlugs(q))) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the public directory did not follow within 2 s for "${q}"`);
  }

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    await insertPlaces(...SLUGS.map((slug) => realPlace(networks, slug)));
    ids = new Map((await LocationModel.find().select('slug').lean()).map((l) => [l.slug, l._id]));
    app = await startTestApp({ pollMs: 200 });
    leaId = (
      await createPerson({
        name: 'Léa Manager',
        email: 'lea@example.org',
        memberships: [{ network: smartBe(), managedLocations: [ids.get('lavallee-bruxelles')!] }],
      })
    ).id;
    await createPerson({
      name: 'Jan Beheerder',
      email: 'jan@example.org',
      memberships: [{ network: drenthe(), managedLocations: [ids.get('de-veldkei-havelte')!] }],
    });
    await createPerson({
      name: 'Amira Admin',
      email: 'amira@example.org',
      memberships: [{ network: smartBe(), networkAdmin: true }],
    });
    await createPerson({ name: 'Mo Member', email: 'mo@example.org', memberships: [{ network: smartBe() }] });
  });
  afterEach(async () => app.close());

  describe('the /manage list', () => {
    it('when a manager opens /manage, then only the location they manage is listed, with its missing translations', async () => {
      const lea = await signedIn('lea@example.org');
      const res = await lea.get('/manage?lang=en');
      expect(res.status).to.equal(200);
      const page = await text(res);
      expect(page).to.include('LaVallée');
      expect(page).not.to.include('Brussels Art Factory');
      expect(page).not.to.include('De Veldkei');
      expect(page).to.match(/missing: en , nl , de/);
      expect(page).not.to.include(localeText('en', 'manage:index.new'));
    });

    it('when a network admin opens /manage, then the network\'s locations and a per-network summary are shown, with "New location"', async () => {
      const amira = await signedIn('amira@example.org');
      const html = await (await amira.get('/manage?lang=nl')).text();
      expect(html).to.include('LaVallée').and.to.include('Brussels Art Factory').and.not.to.include('Over Entinghe');
      expect(html).to.include(localeText('nl', 'manage:summary.heading'));
      expect(html).to.include('href="/manage?network=smart-be&amp;missing=nl"');
      expect(html).to.include('href="/manage/locations/new"');

      const filtered = await (await amira.get('/manage?status=archived')).text();
      expect(filtered).not.to.include('LaVallée');
    });

    it('when the list is filtered by a missing language, then only listings lacking text in it remain', async () => {
      const all = {
        en: 'Brussels Art Factory',
        nl: 'Brussels Art Factory',
        fr: 'Brussels Art Factory',
        de: 'Brussels Art Factory',
      };
      await LocationModel.updateOne(
        { slug: 'brussels-art-factory-bruxelles' },
        { $set: { name: all, description: all } },
      );
      const amira = await signedIn('amira@example.org');
      const lacking = await (await amira.get('/manage?missing=de')).text();
      expect(lacking).to.include('LaVallée').and.not.to.include('Brussels Art Factory');
      const summary = (await (await amira.get('/api/v1/manage/locations')).json()) as {
        networks: { slug: string; total: number; missingTranslations: Record<string, number> }[];
      };
      expect(summary.networks).to.deep.include({
        slug: 'smart-be',
        name: 'Smart Belgium',
        total: 2,
        missingTranslations: { en: 1, nl: 1, fr: 0, de: 1 },
        networkMissingTranslations: ['de'],
        canCreate: true,
      });
    });

    it('when a member without any role opens /manage, then a translated page explains how to become a manager', async () => {
      const mo = await signedIn('mo@example.org');
      const res = await mo.get('/manage?lang=de');
      expect(res.status).to.equal(200);
      expect(await res.text()).to.include(localeText('de', 'manage:none.title'));
    });

    it('when someone not signed in opens /manage, then they are sent to the login form', async () => {
      const res = await new TestClient(app).get('/manage');
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/login?next=%2Fmanage');
    });

    it('when a manager asks the JSON list, then only their editable locations are in it', async () => {
      const lea = await signedIn('lea@example.org');
      const body = (await (await lea.get('/api/v1/manage/locations')).json()) as {
        locations: { slug: string; missingTranslations: string[] }[];
      };
      expect(body.locations.map((l) => l.slug)).to.deep.equal(['lavallee-bruxelles']);
      expect(body.locations[0]!.missingTranslations).to.deep.equal(['en', 'nl', 'de']);
    });
  });

  describe('the editor', () => {
    it('when a manager edits their location in French and Dutch, then both texts are stored and the change is audited', async () => {
      const lea = await signedIn('lea@example.org');
      const form = await lea.get('/manage/locations/lavallee-bruxelles/edit?lang=fr');
      expect(form.status).to.equal(200);
      expect(await form.text()).to.include(localeText('fr', 'manage:form.texts'));

      const before = (await find('lavallee-bruxelles'))!;
      const res = await lea.post('/manage/locations/lavallee-bruxelles/edit', {
        ...storedForm(before, 'smart-be'),
        'name.nl': 'LaVallée Brussel',
        'description.fr': 'Un lieu Smart au bord du canal, à Molenbeek.',
        'description.nl': 'Een Smart-werkplek aan het kanaal in Molenbeek.',
      });
      expect(res.status).to.equal(303);

      const after = (await find('lavallee-bruxelles'))!;
      expect(after.name).to.deep.equal({ fr: 'LaVallée', nl: 'LaVallée Brussel' });
      expect(after.description).to.deep.equal({
        fr: 'Un lieu Smart au bord du canal, à Molenbeek.',
        nl: 'Een Smart-werkplek aan het kanaal in Molenbeek.',
      });
      expect(after.updatedAt.getTime()).to.be.greaterThan(before.updatedAt.getTime());
      const audit = await AuditModel.findOne({ action: 'location.update', entityId: before._id.toString() }).lean();
      expect(audit?.before).to.deep.equal({ name: { fr: 'LaVallée' }, description: { fr: 'Lieu Smart à Bruxelles.' } });
      expect((audit?.after as { name: unknown }).name).to.deep.equal({ fr: 'LaVallée', nl: 'LaVallée Brussel' });
      expect(Object.keys(audit?.after as object)).to.have.members(['name', 'description']);
      expect(audit).to.include({ action: 'location.update', via: 'session' });

      const page = await (await lea.get('/manage/locations/lavallee-bruxelles/edit?lang=en')).text();
      expect(page).to.include('This listing has no text in English and German.');
    });

    it('when a manager of another location opens or sends the editor, then it is refused and nothing changes', async () => {
      const jan = await signedIn('jan@example.org');
      expect((await jan.get('/manage/locations/lavallee-bruxelles/edit')).status).to.equal(403);
      const before = (await find('lavallee-bruxelles'))!;
      const res = await jan.post('/manage/locations/lavallee-bruxelles/edit', {
        ...storedForm(before, 'smart-be'),
        'name.nl': 'Overgenomen',
      });
      expect(res.status).to.equal(403);
      expect((await jan.post('/manage/locations/lavallee-bruxelles/status', { status: 'archived' })).status).to.equal(
        403,
      );
      const after = (await find('lavallee-bruxelles'))!;
      expect(after.name).to.deep.equal(before.name);
      expect(after.status).to.equal('published');
      expect(await AuditModel.countDocuments()).to.equal(0);
    });

    it('when a manager sends the form with another network, then the location stays in its network', async () => {
      const lea = await signedIn('lea@example.org');
      const before = (await find('lavallee-bruxelles'))!;
      const res = await lea.post('/manage/locations/lavallee-bruxelles/edit', {
        ...storedForm(before, 'dorpshuizen-drenthe'),
        'name.en': 'LaVallée',
      });
      expect(res.status).to.equal(303);
      const after = (await find('lavallee-bruxelles'))!;
      expect(after.network.toString()).to.equal(smartBe().toString());
      expect(after.name.en).to.equal('LaVallée');
    });

    it("when a new location's form opens, then it starts in the network's language and country, chosen from a list named in the reader's language", async () => {
      const amira = await signedIn('amira@example.org');

      const html = await (await amira.get('/manage/locations/new?network=smart-be&lang=nl')).text();

      expect(html).to.match(/<option value="fr" selected>/);
      expect(html).to.match(/<select id="address\.countryCode" name="address\.countryCode"/);
      expect(html).to.include('<option value="BE" selected>België</option>');
      expect(html).to.include('<option value="DE">Duitsland</option>');
      expect(html).not.to.match(/<input[^>]*id="address\.countryCode"/);
    });

    it('when the editor is read in German, then the message for a preview that cannot load is German and says the form still works', async () => {
      const amira = await signedIn('amira@example.org');

      const html = await (await amira.get('/manage/locations/new?lang=de')).text();
      const strings = JSON.parse(
        /<script type="application\/json" id="manage-strings">(.*?)<\/script>/.exec(html)![1]!,
      ) as {
        previewFailed: string;
      };

      expect(strings.previewFailed).to.equal(localeText('de', 'manage:hours.previewFailed'));
    });

    it('when a network admin creates a location in their network, then it is a draft with the network as source; in another network it is refused', async () => {
      const amira = await signedIn('amira@example.org');
      expect((await amira.get('/manage/locations/new?lang=nl')).status).to.equal(200);
      const res = await amira.post('/manage/locations/new', formFields(newPlace));
      expect(res.status).to.equal(303);
      expect(res.headers.get('location')).to.equal('/manage/locations/la-fonderie-namur-namur/edit');
      const created = (await find('la-fonderie-namur-namur'))!;
      expect(created.status).to.equal('draft');
      expect(created.name).to.deep.equal(newPlace.name);
      expect(created.source).to.include({
        name: 'Smart Belgique (Passerelle)',
        attribution: 'Published by Smart Belgique on Passerelle',
      });
      expect(await AuditModel.countDocuments({ action: 'location.create', entityId: created._id.toString() })).to.equal(
        1,
      );

      const again = await amira.post('/manage/locations/new', formFields(newPlace));
      expect(again.headers.get('location')).to.equal('/manage/locations/la-fonderie-namur-namur-2/edit');

      const elsewhere = await amira.post(
        '/manage/locations/new',
        formFields({ ...newPlace, network: 'dorpshuizen-drenthe' }),
      );
      expect(elsewhere.status).to.equal(403);
      expect(await LocationModel.countDocuments({ network: drenthe() })).to.equal(2);
    });

    it("when opening hours are not valid, then the form comes back with the checker's message and nothing is stored; fixed, they are stored and previewed", async () => {
      const lea = await signedIn('lea@example.org');
      const before = (await find('lavallee-bruxelles'))!;
      const fields = { ...storedForm(before, 'smart-be'), 'name.nl': 'LaVallée Brussel' };

      const bad = await lea.post('/manage/locations/lavallee-bruxelles/edit?lang=fr', {
        ...fields,
        openingHours: 'Mo-Fr 09:00-17:00 sometimes',
      });
      expect(bad.status).to.equal(400);
      const html = await bad.clone().text();
      const page = await text(bad);
      // The page's text has its (non-breaking) spaces folded like any other.
      const explanation = localeText('fr', 'manage:validation.openingHours').split('{{')[0]!.replace(/\s+/g, ' ');
      expect(page).to.include(`${explanation}Mo-Fr 09:00-17:00 so <--- (Caractère inattendu`);
      expect(html).to.include('class="error-summary"').and.to.include('href="#openingHours"');
      expect((await find('lavallee-bruxelles'))!.name).to.deep.equal(before.name);
      expect(await AuditModel.countDocuments()).to.equal(0);

      const good = await lea.post('/manage/locations/lavallee-bruxelles/edit', {
        ...fields,
        openingHours: 'Mo-Fr 09:00-17:00; PH off',
      });
      expect(good.status).to.equal(303);
      expect((await find('lavallee-bruxelles'))!.openingHours).to.equal('Mo-Fr 09:00-17:00; PH off');
      const edit = await (await lea.get('/manage/locations/lavallee-bruxelles/edit?lang=nl')).text();
      expect(edit).to.include(localeText('nl', 'location:hours.nextSevenDays').split(' (')[0]!);
      expect(edit).to.include('09:00–17:00');
    });

    it("when the live preview is asked, then the next seven days come back in the editor's language, or the checker's message", async () => {
      const lea = await signedIn('lea@example.org');
      const ok = await lea.get(
        '/manage/opening-hours/preview?value=Mo-Su%2010:00-12:00&country=BE&timeZone=Europe/Brussels&lang=de',
      );
      expect(ok.status).to.equal(200);
      const html = await ok.text();
      expect(html).to.include('10:00–12:00').and.not.to.include('<html');
      expect(html).to.match(/Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag/);
      const bad = await lea.get(
        '/manage/opening-hours/preview?value=Mo-Fx&country=BE&timeZone=Europe/Brussels&lang=en',
      );
      expect(bad.status).to.equal(200);
      expect(await bad.text())
        .to.include(localeText('en', 'manage:hours.previewInvalid'))
        .and.to.include('Mo-F &lt;---');
    });

    it('when a form misses required fields, then each is named in the error summary and nothing is stored', async () => {
      const amira = await signedIn('amira@example.org');
      const res = await amira.post('/manage/locations/new?lang=en', {
        network: 'smart-be',
        language: 'fr',
        'name.nl': 'Alleen Nederlands',
        'coordinates.lat': 'north',
      });
      expect(res.status).to.equal(400);
      const html = await res.text();
      for (const field of [
        'name.fr',
        'type',
        'address.locality',
        'address.countryCode',
        'coordinates.lat',
        'coordinates.lng',
        'timeZone',
      ]) {
        expect(html, field).to.include(`href="#${field}"`);
      }
      expect(html).to.include('value="Alleen Nederlands"');
      expect(await LocationModel.countDocuments()).to.equal(SLUGS.length);
    });
  });

  describe('publishing', () => {
    it('when a location is published, then the public API finds it within 2 s; archived, it is gone', async () => {
      const amira = await signedIn('amira@example.org');
      await amira.post('/manage/locations/new', formFields(newPlace));
      expect(await publicSlugs('Fonderie')).to.deep.equal([]);

      const published = await amira.post('/manage/locations/la-fonderie-namur-namur/status', { status: 'published' });
      expect(published.status).to.equal(303);
      await within2s('Fonderie', (slugs) => slugs.includes('la-fonderie-namur-namur'));
      expect((await app.get('/api/v1/locations/la-fonderie-namur-namur')).status).to.equal(200);

      await amira.post('/manage/locations/la-fonderie-namur-namur/status', { status: 'archived' });
      await within2s('Fonderie', (slugs) => !slugs.includes('la-fonderie-namur-namur'));
      expect((await app.get('/api/v1/locations/la-fonderie-namur-namur')).status).to.equal(404);

      const audits = await AuditModel.find({ action: 'location.status' }).sort({ at: 1 }).lean();
      expect(audits.map((a): unknown[] => [a.before, a.after])).to.deep.equal([
        [{ status: 'draft' }, { status: 'published' }],
        [{ status: 'published' }, { status: 'archived' }],
      ]);
    });

    it('when a published location is renamed, then the directory shows the new name within 2 s', async () => {
      const lea = await signedIn('lea@example.org');
      const before = (await find('lavallee-bruxelles'))!;
      await lea.post('/manage/locations/lavallee-bruxelles/edit', {
        ...storedForm(before, 'smart-be'),
        'name.fr': 'LaVallée Molenbeek',
      });
      await within2s('Molenbeek', (slugs) => slugs.includes('lavallee-bruxelles'));
    });

    it('when an unknown status is sent, then it is refused and nothing changes', async () => {
      const lea = await signedIn('lea@example.org');
      const res = await lea.post('/manage/locations/lavallee-bruxelles/status', { status: 'deleted' });
      expect(res.status).to.equal(400);
      expect((await find('lavallee-bruxelles'))!.status).to.equal('published');
    });
  });

  describe('the JSON write API', () => {
    it("when a network admin's token creates and patches a location, then it works without CSRF and answers with the location", async () => {
      const amira = (
        await createPerson({
          name: 'Bot Owner',
          email: 'bot@example.org',
          memberships: [{ network: smartBe(), networkAdmin: true }],
        })
      ).id;
      const secret = await token(amira);
      const client = new TestClient(app);

      const created = await client.json(
        'POST',
        '/api/v1/locations',
        { ...newPlace, status: 'published' },
        { token: secret },
      );
      expect(created.status).to.equal(201);
      expect(created.headers.get('location')).to.equal('/api/v1/locations/la-fonderie-namur-namur');
      const body = (await created.json()) as { slug: string; status: string; network: string; tariffs: unknown[] };
      expect(body).to.include({ slug: 'la-fonderie-namur-namur', status: 'published', network: 'smart-be' });
      expect(body.tariffs).to.deep.equal([{ category: 'public', amount: 9, currency: 'EUR', per: 'day-part' }]);
      await within2s('Gieterij', (slugs) => slugs.includes('la-fonderie-namur-namur'));

      const patched = await client.json(
        'PATCH',
        '/api/v1/locations/la-fonderie-namur-namur',
        { description: { nl: 'Gedeelde werkplek bij het station.' }, wifiMbps: 500, capacity: null },
        { token: secret },
      );
      expect(patched.status).to.equal(200);
      const stored = (await find('la-fonderie-namur-namur'))!;
      expect(stored.description).to.deep.equal({ nl: 'Gedeelde werkplek bij het station.' });
      expect(stored.wifiMbps).to.equal(500);
      expect(stored.capacity?.desks).to.equal(undefined);
      expect(stored.name).to.deep.equal(newPlace.name);
      const audit = await AuditModel.findOne({ action: 'location.update' }).lean();
      expect(audit).to.include({ via: 'token' });

      const unpublished = await client.json(
        'PATCH',
        '/api/v1/locations/la-fonderie-namur-namur',
        { status: 'draft' },
        { token: secret },
      );
      expect(unpublished.status).to.equal(200);
      await within2s('Gieterij', (slugs) => !slugs.includes('la-fonderie-namur-namur'));

      const elsewhere = await client.json(
        'POST',
        '/api/v1/locations',
        { ...newPlace, network: 'dorpshuizen-drenthe' },
        { token: secret },
      );
      expect(elsewhere.status).to.equal(403);
      const move = await client.json(
        'PATCH',
        '/api/v1/locations/la-fonderie-namur-namur',
        { network: 'dorpshuizen-drenthe' },
        { token: secret },
      );
      expect(move.status).to.equal(403);
      expect(await LocationModel.countDocuments({ network: drenthe() })).to.equal(2);
    });

    it("when a manager's token patches their location and another one, then the first works and the second is 403", async () => {
      const secret = await token(leaId);
      const client = new TestClient(app);
      const own = await client.json(
        'PATCH',
        '/api/v1/locations/lavallee-bruxelles',
        { name: { fr: 'LaVallée', de: 'LaVallée Brüssel' } },
        { token: secret },
      );
      expect(own.status).to.equal(200);
      expect((await find('lavallee-bruxelles'))!.name).to.deep.equal({ fr: 'LaVallée', de: 'LaVallée Brüssel' });

      const other = await client.json(
        'PATCH',
        '/api/v1/locations/brussels-art-factory-bruxelles',
        { name: { fr: 'Pris' } },
        { token: secret },
      );
      expect(other.status).to.equal(403);
      expect((await find('brussels-art-factory-bruxelles'))!.name).to.deep.equal({ fr: 'Brussels Art Factory' });
      expect((await client.json('POST', '/api/v1/locations', newPlace, { token: secret })).status).to.equal(403);
      expect(
        (await client.json('PATCH', '/api/v1/locations/no-such-place', { name: { fr: 'x' } }, { token: secret }))
          .status,
      ).to.equal(404);
    });

    it('when a session sends JSON without its CSRF header, then it is refused; with it, it works', async () => {
      const lea = await signedIn('lea@example.org');
      const refused = await lea.json(
        'PATCH',
        '/api/v1/locations/lavallee-bruxelles',
        { wifiMbps: 100 },
        { csrf: false },
      );
      expect(refused.status).to.equal(403);
      expect((await find('lavallee-bruxelles'))!.wifiMbps).to.equal(undefined);
      const accepted = await lea.json('PATCH', '/api/v1/locations/lavallee-bruxelles', { wifiMbps: 100 });
      expect(accepted.status).to.equal(200);
      expect((await find('lavallee-bruxelles'))!.wifiMbps).to.equal(100);
    });

    it('when the token is unknown, then the API answers 401 saying so in the asked language, and nothing is stored', async () => {
      const res = await new TestClient(app).json('POST', '/api/v1/locations?lang=nl', newPlace, {
        token: 'psl_not-a-token',
      });
      expect(res.status).to.equal(401);
      expect(res.headers.get('www-authenticate')).to.equal('Bearer realm="Passerelle API", error="invalid_token"');
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).to.equal('invalid_token');
      expect(error.message).to.equal(localeText('nl', 'errors:invalidToken'));
      expect(await LocationModel.countDocuments()).to.equal(SLUGS.length);
    });

    it('when bad JSON bodies are sent, then each gets a translated 400 naming the field and nothing is stored', async () => {
      const owner = (
        await createPerson({
          name: 'Bot',
          email: 'bot2@example.org',
          memberships: [{ network: smartBe(), networkAdmin: true }],
        })
      ).id;
      const secret = await token(owner);
      const client = new TestClient(app);
      const cases: [string, unknown, string][] = [
        ['wrong type', { ...newPlace, capacity: { desks: 'twelve' } }, 'capacity.desks'],
        ['unknown enum', { ...newPlace, type: 'castle' }, 'type'],
        ['latitude 100', { ...newPlace, coordinates: { lat: 100, lng: 4 } }, 'coordinates.lat'],
        ['bad language key', { ...newPlace, name: { fr: 'Nom', xx1: 'Bad' } }, 'name.xx1'],
        ['unknown field', { ...newPlace, owner: 'me' }, 'owner'],
        ['operator in a map', { ...newPlace, name: { fr: { $gt: '' } } }, 'name.fr'],
        ['long text', { ...newPlace, name: { fr: 'x'.repeat(100_000) } }, 'name.fr'],
        ['not an object', ['a'], '_'],
        ['bad opening hours', { ...newPlace, openingHours: 'Mo-Fr 09:00-17:00 sometimes' }, 'openingHours'],
      ];
      for (const [label, body, field] of cases) {
        // A token's owner reads messages in their preferred language unless the request names one.
        const res = await client.request('/api/v1/locations?lang=nl', {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'accept-language': 'nl' },
          body: JSON.stringify(body),
        });
        expect(res.status, label).to.equal(400);
        const error = (
          (await res.json()) as {
            error: { code: string; message: string; details: { field: string; message: string }[] };
          }
        ).error;
        expect(error.code, label).to.equal('bad_request');
        expect(error.message, label).to.equal(localeText('nl', 'errors:badRequest'));
        expect(
          error.details.map((d) => d.field),
          label,
        ).to.include(field);
      }
      const patch = await client.json(
        'PATCH',
        '/api/v1/locations/lavallee-bruxelles',
        { coordinates: { lat: 100, lng: 4 } },
        { token: secret },
      );
      expect(patch.status).to.equal(400);

      const huge = await client.request('/api/v1/locations', {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...newPlace, name: { fr: 'x'.repeat(10 * 1024 * 1024) } }),
      });
      expect(huge.status).to.be.within(400, 413);
      expect(await LocationModel.countDocuments()).to.equal(SLUGS.length);
      expect((await find('lavallee-bruxelles'))!.coordinates.lat).to.be.below(90);
      expect(await AuditModel.countDocuments()).to.equal(0);
    });
  });
});
