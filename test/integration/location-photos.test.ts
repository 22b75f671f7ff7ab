// A location's photos against the real database and the real files: upload checked by content, alt text, order,
// removal, who may, and what the directory and the place page show.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { photoForm, testImage } from '../support/images.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const SLUG = 'lavallee-bruxelles';
const OTHER = 'brussels-art-factory-bruxelles';
const PHOTOS_PAGE = `/manage/locations/${SLUG}/photos`;
const ALT = { fr: 'La grande salle de coworking, vue depuis l’entrée', en: 'The large coworking room' };

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** The message as a French reader sees it in the page, with its parameters filled in. */
const french = (key: string, params: Record<string, unknown> = {}) =>
  escapeHtml(localeText('fr', key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name])));

const stored = async (slug = SLUG) => (await LocationModel.findOne({ slug }).lean<Location>().orFail()).photos ?? [];

describe('location photos (integration)', function () {
  let app: TestApp;
  let manager: TestClient;
  let ids: Map<string, Types.ObjectId>;

  /** Every photo file the app has written. */
  async function files(): Promise<string[]> {
    const dir = path.join(app.config.dataDir, 'photos');
    const found = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
    return found.filter((name) => /\.(webp|jpg)$/.test(name)).sort();
  }

  const upload = (client: TestClient, form: FormData, lang = 'fr') =>
    client.upload(`${PHOTOS_PAGE}?lang=${lang}`, form);

  beforeEach(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, SLUG, { status: 'published' }), realPlace(networks, OTHER));
    ids = new Map((await LocationModel.find().select('slug').lean()).map((l) => [l.slug, l._id]));
    app = await startTestApp();
    await createPerson({
      name: 'Léa Manager',
      email: 'lea@example.org',
      memberships: [{ network: networks.get('smart-be')!, managedLocations: [ids.get(SLUG)!] }],
    });
    await createPerson({
      name: 'Otto Other',
      email: 'otto@example.org',
      memberships: [{ network: networks.get('smart-be')!, managedLocations: [ids.get(OTHER)!] }],
    });
    manager = await TestClient.signedIn(app, 'lea@example.org');
  });

  afterEach(async function () {
    await app.close();
  });

  it('a manager uploads a JPEG, a PNG and a WebP: each is stored in the widths it reaches, served for ever from its hashed address', async function () {
    const uploads = [
      await testImage('jpeg', 1600, 1200, 1),
      await testImage('png', 500, 400, 2),
      await testImage('webp', 800, 800, 3),
    ];
    for (const bytes of uploads) {
      const res = await upload(manager, photoForm(bytes, ALT));
      expect(res.status, await res.clone().text()).to.equal(303);
      expect(res.headers.get('location')).to.equal(`${PHOTOS_PAGE}#photos`);
    }
    const photos = await stored();
    expect(photos.map((p) => [p.width, p.height, p.widths])).to.deep.equal([
      [1600, 1200, [320, 640, 1280]],
      [500, 400, [320, 500]],
      [800, 800, [320, 640, 800]],
    ]);
    expect(photos[0]!.alt).to.deep.equal(ALT);
    expect(await files()).to.have.length(2 * (3 + 2 + 3));

    const webp = await app.get(`/photos/${photos[0]!.id}-640.webp`);
    expect(webp.status).to.equal(200);
    expect(webp.headers.get('content-type')).to.equal('image/webp');
    expect(webp.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    const jpeg = await app.get(`/photos/${photos[1]!.id}-500.jpg`);
    expect([jpeg.status, jpeg.headers.get('content-type')]).to.deep.equal([200, 'image/jpeg']);
    expect((await app.get(`/photos/${photos[1]!.id}-1280.jpg`)).status).to.equal(404);

    const audit = await AuditModel.find({ action: 'location.photos', entityId: ids.get(SLUG)!.toString() }).lean();
    expect(audit).to.have.length(3);
  });

  const refusals: {
    label: string;
    form: () => FormData | Promise<FormData>;
    key: string;
    params?: Record<string, unknown>;
  }[] = [
    {
      label: 'a text file named photo.jpg and sent as image/jpeg',
      form: () => photoForm(Buffer.from('Not a picture at all, just some text.\n'.repeat(20)), ALT),
      key: 'manage:validation.photoType',
    },
    {
      label: 'an empty file',
      form: () => photoForm(Buffer.alloc(0), ALT),
      key: 'manage:validation.photoEmpty',
    },
    {
      label: 'a file over 10 MB',
      form: async () => {
        const big = Buffer.alloc(10 * 1024 * 1024 + 1, 7);
        (await testImage('jpeg', 400, 300)).copy(big);
        return photoForm(big, ALT);
      },
      key: 'manage:validation.photoTooLarge',
      params: { megabytes: 10 },
    },
    {
      label: 'a picture wider than 12,000 pixels',
      form: async () => photoForm(await testImage('png', 12_001, 300), ALT, { name: 'wide.png', type: 'image/png' }),
      key: 'manage:validation.photoDimensionsTooLarge',
      params: { max: 12_000 },
    },
    {
      label: 'a picture smaller than 200 pixels',
      form: async () => photoForm(await testImage('jpeg', 150, 150), ALT),
      key: 'manage:validation.photoDimensionsTooSmall',
      params: { min: 200 },
    },
    {
      label: 'a photo without alt text in the place’s own language',
      form: async () => photoForm(await testImage('jpeg', 400, 300), { en: 'The room' }),
      key: 'manage:validation.photoAltRequired',
    },
    {
      label: 'alt text over 250 characters',
      form: async () => photoForm(await testImage('jpeg', 400, 300), { fr: 'a'.repeat(251) }),
      key: 'manage:validation.tooLong',
    },
  ];
  for (const { label, form, key, params } of refusals) {
    it(`an upload of ${label} is refused with a translated message and nothing is stored`, async function () {
      const res = await upload(manager, await form());
      const html = await res.text();
      expect(res.status).to.equal(400);
      expect(html).to.include(french(key, params));
      expect(html).to.include('class="error-summary"');
      expect(await stored()).to.deep.equal([]);
      expect(await files()).to.deep.equal([]);
    });
  }

  it('a ninth photo is refused with a translated message, and the eight stay as they were', async function () {
    const eight = Array.from({ length: 8 }, (_, i) => ({
      id: i.toString(16).padStart(32, 'a'),
      width: 400,
      height: 300,
      widths: [320, 400],
      alt: { fr: `Photo ${i}` },
    }));
    await LocationModel.updateOne({ slug: SLUG }, { $set: { photos: eight } });
    const res = await upload(manager, photoForm(await testImage('jpeg', 400, 300), ALT));
    expect(res.status).to.equal(400);
    expect(await res.text()).to.include(french('manage:validation.photoLimit', { max: 8 }));
    expect(await stored()).to.deep.equal(eight);
    expect(await files()).to.deep.equal([]);
  });

  it('the same picture twice is refused the second time', async function () {
    const bytes = await testImage('jpeg', 400, 300);
    expect((await upload(manager, photoForm(bytes, ALT))).status).to.equal(303);
    const res = await upload(manager, photoForm(bytes, ALT));
    expect(res.status).to.equal(400);
    expect(await res.text()).to.include(french('manage:validation.photoDuplicate'));
    expect(await stored()).to.have.length(1);
  });

  it('an upload without the CSRF token, by someone who may not edit the place, or by no one is refused and stores nothing', async function () {
    const bytes = await testImage('jpeg', 400, 300);
    const noToken = await manager.upload(PHOTOS_PAGE, photoForm(bytes, ALT), { csrf: false });
    expect(noToken.status).to.equal(403);
    const otto = await TestClient.signedIn(app, 'otto@example.org');
    expect((await upload(otto, photoForm(bytes, ALT))).status).to.equal(403);
    expect((await otto.get(PHOTOS_PAGE)).status).to.equal(403);
    const anonymous = new TestClient(app);
    expect((await anonymous.upload(PHOTOS_PAGE, photoForm(bytes, ALT), { csrf: false })).status).to.be.oneOf([
      401, 403,
    ]);
    expect(await stored()).to.deep.equal([]);
    expect(await files()).to.deep.equal([]);
  });

  it('a manager edits a photo’s alt text; a blank one in the place’s language is refused and changes nothing', async function () {
    await upload(manager, photoForm(await testImage('jpeg', 400, 300), ALT));
    const [photo] = await stored();
    const altUrl = `${PHOTOS_PAGE}/${photo!.id}/alt?lang=fr`;
    const refused = await manager.post(altUrl, { 'alt.fr': '  ', 'alt.nl': 'De grote zaal' });
    expect(refused.status).to.equal(400);
    expect(await refused.text()).to.include(french('manage:validation.photoAltRequired'));
    expect((await stored())[0]!.alt).to.deep.equal(ALT);

    const saved = await manager.post(altUrl, { 'alt.fr': 'La grande salle', 'alt.nl': 'De grote zaal', 'alt.en': '' });
    expect(saved.status).to.equal(303);
    expect((await stored())[0]!.alt).to.deep.equal({ fr: 'La grande salle', nl: 'De grote zaal' });
  });

  it('a manager reorders and removes photos: the directory lists the new first one, and removed files are gone', async function () {
    for (const seed of [1, 2, 3]) await upload(manager, photoForm(await testImage('jpeg', 700, 500, seed), ALT));
    const [a, b, c] = (await stored()).map((p) => p.id);
    expect((await manager.post(`${PHOTOS_PAGE}/${b}/move`, { direction: 'earlier' })).status).to.equal(303);
    expect((await stored()).map((p) => p.id)).to.deep.equal([b, a, c]);
    expect((await manager.post(`${PHOTOS_PAGE}/${b}/move`, { direction: 'sideways' })).status).to.equal(400);
    expect((await stored()).map((p) => p.id)).to.deep.equal([b, a, c]);

    await waitFor(async () => (await (await app.get('/?q=lavallee')).text()).includes(`/photos/${b}-320.webp 320w`));
    const popup = (await (await app.get('/api/v1/locations?zoom=22&q=lavallee')).json()) as {
      features: { properties: { photo?: { src: string; srcset: string } } }[];
    };
    expect(popup.features[0]!.properties.photo).to.deep.equal({
      src: `/photos/${b}-640.jpg`,
      srcset: `/photos/${b}-320.webp 320w, /photos/${b}-640.webp 640w, /photos/${b}-700.webp 700w`,
    });

    expect((await manager.post(`${PHOTOS_PAGE}/${b}/remove`, {})).status).to.equal(303);
    expect((await stored()).map((p) => p.id)).to.deep.equal([a, c]);
    expect((await app.get(`/photos/${b}-320.webp`)).status).to.equal(404);
    expect(await files()).to.have.length(2 * 2 * 3);
    expect((await manager.post(`${PHOTOS_PAGE}/${b}/remove`, {})).status).to.equal(404);
  });

  it('a script asking for JSON gets the stored photo with its sources, or the translated error with its details', async function () {
    const json = { accept: 'application/json' };
    const ok = await manager.upload(`${PHOTOS_PAGE}?lang=fr`, photoForm(await testImage('webp', 640, 480), ALT), {
      headers: json,
    });
    expect(ok.status).to.equal(201);
    const { photo } = (await ok.json()) as { photo: { id: string; widths: number[]; sources: { src: string } } };
    expect(photo.widths).to.deep.equal([320, 640]);
    expect(photo.sources.src).to.equal(`/photos/${photo.id}-640.jpg`);

    const refused = await manager.upload(`${PHOTOS_PAGE}?lang=fr`, photoForm(Buffer.from('texte'), ALT), {
      headers: json,
    });
    expect(refused.status).to.equal(400);
    const { error } = (await refused.json()) as {
      error: { code: string; details: { field: string; message: string }[] };
    };
    expect(error.code).to.equal('bad_request');
    expect(error.details).to.deep.equal([{ field: 'photo', message: localeText('fr', 'manage:validation.photoType') }]);
    expect(await stored()).to.have.length(1);
  });

  it('the place page shows every photo with its alt text in the reader’s language and a srcset', async function () {
    await upload(manager, photoForm(await testImage('jpeg', 1600, 1200, 1), ALT));
    await upload(manager, photoForm(await testImage('jpeg', 900, 600, 2), { fr: 'Le jardin' }));
    const [first, second] = await stored();
    const html = await (await app.get(`/locations/${SLUG}?lang=en`)).text();
    expect(html).to.include(
      `srcset="/photos/${first!.id}-320.webp 320w, /photos/${first!.id}-640.webp 640w, /photos/${first!.id}-1280.webp 1280w"`,
    );
    expect(html).to.include(`alt="${ALT.en}" lang="en"`);
    // No English text: the place's own language, marked as such.
    expect(html).to.include('alt="Le jardin" lang="fr"');
    expect(html).to.include(`/photos/${second!.id}-900.jpg 900w`);
  });
});

async function waitFor(done: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 3000) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the directory did not follow within 3 s');
}
