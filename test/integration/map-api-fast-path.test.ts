// The map API as anonymous readers get it (answered before sessions and the rest) against the real database: the
// same bytes, headers, languages, conditional GETs and errors as the full stack, and new places as soon as they exist.
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { UserModel } from '../../server/auth/user.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { directoryQuerySchema } from '../../server/directory/directory.schemas.ts';
import { parseInput } from '../../server/shared/http/validate.ts';
import type { Principal } from '../../server/shared/principal.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

interface Collection {
  features: { properties: { slug?: string; name?: string; nameLang?: string } }[];
  total: number;
}

const URL_PATH = '/api/v1/locations?bbox=2,49,8,54&zoom=22';
/** Makes a request go through the full stack: any cookie but the language may be a credential. */
const FULL_STACK = { cookie: 'unrelated=1' };

/** Headers that legitimately differ between two answers. */
const comparable = (res: Response) =>
  Object.fromEntries([...res.headers].filter(([name]) => !['date', 'keep-alive', 'connection'].includes(name)));

/**
 * A GET through node:http, as a browser revalidates: fetch adds "Cache-Control: no-cache" to a conditional request,
 * which rightly makes the server answer in full.
 */
function conditionalGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

describe('map API fast path (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;

  const names = async (res: Response) =>
    ((await res.json()) as Collection).features.map((f) => `${f.properties.slug}:${f.properties.nameLang}`).sort();

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    app = await startTestApp();
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo', {
        name: { nl: 'Over Entinghe', fr: 'Maison de village Over Entinghe' },
      }),
      realPlace(networks, 'lavallee-bruxelles'),
    );
    await app.directory.follower.poll();
  });
  afterEach(async () => app.close());

  it('when an anonymous reader asks for the map, then the bytes, ETag and headers are those the full stack sends', async () => {
    const expected = JSON.stringify(
      app.directory.mapFeatures(parseInput(directoryQuerySchema, { bbox: '2,49,8,54', zoom: '22' }), 'public', 'en'),
    );
    const first = await app.get(URL_PATH);
    const again = await app.get(URL_PATH);
    const full = await app.get(URL_PATH, { headers: FULL_STACK });
    for (const res of [first, again, full]) {
      expect(res.status).to.equal(200);
      expect(await res.text()).to.equal(expected);
      expect(res.headers.get('etag')).to.match(/^W\/"[^"]+"$/);
      expect(res.headers.get('content-type')).to.equal('application/json; charset=utf-8');
      expect(res.headers.get('vary')).to.equal('Accept-Language, Accept-Encoding');
      expect(res.headers.get('set-cookie')).to.equal(null);
    }
    expect(comparable(first)).to.deep.equal(comparable(full));
    expect(comparable(again)).to.deep.equal(comparable(full));
    expect(first.headers.get('content-security-policy')).to.include("default-src 'self'");
  });

  it('when the reader sends back the ETag, then the answer is 304 without a body, on both paths', async () => {
    const etag = (await app.get(URL_PATH)).headers.get('etag')!;
    for (const headers of [{}, FULL_STACK]) {
      const res = await conditionalGet(app.baseUrl + URL_PATH, { ...headers, 'if-none-match': etag });
      expect(res.status).to.equal(304);
      expect(res.body).to.equal('');
      expect(res.headers.etag).to.equal(etag);
      expect(res.headers['content-type']).to.equal(undefined);
    }
    const stale = await conditionalGet(app.baseUrl + URL_PATH, { 'if-none-match': 'W/"0-stale"' });
    expect(stale.status).to.equal(200);
  });

  it('when a place changes after the reader kept an ETag, then sending it back gets the new answer, not a 304', async () => {
    const before = await app.get(URL_PATH);
    const etag = before.headers.get('etag')!;
    expect(await before.text()).to.not.include('Ferme nouvelle');
    await LocationModel.updateOne({ slug: 'lavallee-bruxelles' }, { $set: { 'name.en': 'Ferme nouvelle' } });
    await app.directory.follower.poll();
    for (const headers of [{}, FULL_STACK]) {
      const res = await conditionalGet(app.baseUrl + URL_PATH, { ...headers, 'if-none-match': etag });
      expect(res.status).to.equal(200);
      expect(res.body).to.include('Ferme nouvelle');
      expect(res.headers.etag).to.not.equal(etag);
    }
  });

  it('when the language comes from ?lang, the lang cookie or Accept-Language, then names follow it, and ?lang is remembered', async () => {
    const byQuery = await app.get(`${URL_PATH}&lang=fr`, { headers: { 'accept-language': 'nl' } });
    expect(byQuery.headers.get('set-cookie')).to.match(/^lang=fr;/);
    expect(await names(byQuery)).to.deep.equal(['lavallee-bruxelles:fr', 'over-entinghe-dwingeloo:fr']);
    const repeated = await app.get(`${URL_PATH}&lang=fr`, { headers: { cookie: 'lang=de' } });
    expect(repeated.headers.get('set-cookie')).to.match(/^lang=fr;/);
    const alreadyRemembered = await app.get(`${URL_PATH}&lang=fr`, { headers: { cookie: 'lang=fr' } });
    expect(alreadyRemembered.headers.get('set-cookie')).to.equal(null);

    const byCookie = await app.get(URL_PATH, { headers: { cookie: 'lang=fr', 'accept-language': 'nl' } });
    expect(await names(byCookie)).to.deep.equal(['lavallee-bruxelles:fr', 'over-entinghe-dwingeloo:fr']);
    const byHeader = await app.get(URL_PATH, { headers: { 'accept-language': 'de;q=0.5, fr' } });
    expect(await names(byHeader)).to.deep.equal(['lavallee-bruxelles:fr', 'over-entinghe-dwingeloo:fr']);
    const byDefault = await app.get(URL_PATH);
    expect(await names(byDefault)).to.deep.equal(['lavallee-bruxelles:fr', 'over-entinghe-dwingeloo:nl']);
  });

  it('when the language cookie is quoted or comes with other cookies, then names follow it as on the full stack', async () => {
    for (const cookie of ['lang="fr"', 'lang=fr; theme=dark', 'theme=dark; lang=fr', 'lang=fr; lang=nl']) {
      const res = await app.get(URL_PATH, { headers: { cookie, 'accept-language': 'nl' } });
      expect(await names(res), cookie).to.deep.equal(['lavallee-bruxelles:fr', 'over-entinghe-dwingeloo:fr']);
    }
  });

  it('when the reader asks with HEAD, then the headers are those of GET without a body', async () => {
    const get = await app.get(URL_PATH);
    const head = await app.get(URL_PATH, { method: 'HEAD' });
    expect(head.status).to.equal(200);
    expect(await head.text()).to.equal('');
    expect(head.headers.get('etag')).to.equal(get.headers.get('etag'));
    expect(head.headers.get('content-length')).to.equal(get.headers.get('content-length'));
  });

  it('when a signed-in reader prefers French, then the map answers in French over Accept-Language, as before', async () => {
    const person = await createPerson({ name: 'Reader', email: 'reader@example.org' });
    await UserModel.updateOne({ _id: person.id }, { $set: { preferredLanguage: 'fr' } });
    // An anonymous reader asks first, so the Dutch answer is cached for this URL.
    const anonymous = await app.get(URL_PATH, { headers: { 'accept-language': 'nl' } });
    expect(await names(anonymous)).to.deep.equal(['lavallee-bruxelles:fr', 'over-entinghe-dwingeloo:nl']);
    const client = new TestClient(app);
    await client.login(person.email, TEST_PASSWORD);
    const signedIn = await client.get(URL_PATH, { 'accept-language': 'nl' });
    expect(await names(signedIn)).to.deep.equal(['lavallee-bruxelles:fr', 'over-entinghe-dwingeloo:fr']);
  });

  it('when a signed-in reader asks for the map, then the app answers it for the class of their principal, with the anonymous body', async () => {
    const person = await createPerson({ name: 'Member', email: 'member@example.org' });
    const anonymous = await app.get(URL_PATH);
    const client = new TestClient(app);
    await client.login(person.email, TEST_PASSWORD);
    const { directory } = app;
    const viewerClass = directory.viewerClass.bind(directory);
    const classed: Readonly<Principal>[] = [];
    directory.viewerClass = (principal) => {
      classed.push(principal);
      return viewerClass(principal);
    };
    try {
      const signedIn = await client.get(URL_PATH);

      expect(signedIn.status).to.equal(200);
      // Classed once, as the signed-in person: the fast path, which classes only the anonymous principal, let it by.
      expect(classed.map((p) => `${p.kind} ${p.via} ${p.userId}`)).to.deep.equal([
        `user session ${person.id.toString()}`,
      ]);
      expect(await signedIn.text()).to.equal(await anonymous.text());
    } finally {
      directory.viewerClass = viewerClass;
    }
  });

  it("when the query is bad, then it is still a 400 in the reader's language, also for a URL asked before with other values", async () => {
    expect((await app.get('/api/v1/locations?zoom=3')).status).to.equal(200);
    const res = await app.get('/api/v1/locations?zoom=30', { headers: { cookie: 'lang=nl' } });
    expect(res.status).to.equal(400);
    const body = (await res.json()) as { error: { code: string; details: { field: string; message: string }[] } };
    expect(body.error.code).to.equal('bad_request');
    expect(body.error.details).to.deep.equal([{ field: 'zoom', message: localeText('nl', 'errors:validation.zoom') }]);
    const operator = await app.get('/api/v1/locations?zoom[$gt]=1', { headers: { 'accept-language': 'de' } });
    expect(operator.status).to.equal(400);
  });

  it('when answering a view fails unexpectedly, then the reader gets the translated error of the full stack and the server goes on', async () => {
    const { index } = app.directory;
    const search = index.search.bind(index);
    index.search = () => {
      throw new Error('index unavailable');
    };
    try {
      const res = await app.get(URL_PATH, { headers: { 'accept-language': 'fr' } });
      expect(res.status).to.equal(500);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.message).to.equal(localeText('fr', 'errors:internal'));
    } finally {
      index.search = search;
    }
    expect((await app.get(URL_PATH)).status).to.equal(200);
  });

  it('when a location is published after a view was answered, then the same URL shows it', async () => {
    const before = (await (await app.get(URL_PATH)).json()) as Collection;
    expect(before.total).to.equal(2);
    await insertPlaces(realPlace(networks, 'brussels-art-factory-bruxelles'));
    await app.directory.follower.poll();
    const after = (await (await app.get(URL_PATH)).json()) as Collection;
    expect(after.total).to.equal(3);
    expect(after.features.map((f) => f.properties.slug)).to.include('brussels-art-factory-bruxelles');
  });
});
