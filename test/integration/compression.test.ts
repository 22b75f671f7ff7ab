// What travels over the wire: every kind of text the app sends is compressed with gzip or brotli as the reader asks,
// and not when it does not, with `Vary: Accept-Encoding`; assets named by their content's hash are kept for a year.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, get as httpGet, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import express from 'express';
import { demoLocationDocuments } from '../../server/demo/seed.ts';
import { AssetCatalog } from '../../server/shared/http/static-assets.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent. */
  body: Buffer;
}

/** A GET through node:http, which (unlike fetch) neither asks for compression nor undoes it. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

function decoded(answer: RawAnswer): string {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body).toString();
  if (encoding === 'gzip') return gunzipSync(answer.body).toString();
  return answer.body.toString();
}

/** Asks for `url` plainly, with gzip, and with brotli (as browsers ask: both, gzip first), and checks each answer. */
async function expectCompressedAsAsked(url: string, contentType: RegExp, headers: Record<string, string> = {}) {
  const plain = await rawGet(url, headers);
  expect(plain.status, url).to.equal(200);
  expect(plain.headers['content-type'], url).to.match(contentType);
  expect(plain.headers['content-encoding'], `${url} sent plainly when not asked`).to.equal(undefined);
  expect(plain.body.length, `${url} is large enough to be worth compressing`).to.be.greaterThan(1024);
  const text = plain.body.toString();
  for (const [acceptEncoding, expected] of [
    ['gzip', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
  ] as const) {
    const answer = await rawGet(url, { ...headers, 'accept-encoding': acceptEncoding });
    expect(answer.status, url).to.equal(200);
    expect(answer.headers['content-encoding'], `${url} asked with ${acceptEncoding}`).to.equal(expected);
    expect(answer.body.length, url).to.be.lessThan(plain.body.length);
    expect(stripMasked(decoded(answer)), url).to.equal(stripMasked(text));
    expect(answer.headers.vary, url).to.match(/Accept-Encoding/i);
  }
  expect(plain.headers.vary, url).to.match(/Accept-Encoding/i);
  const refused = await rawGet(url, { ...headers, 'accept-encoding': 'br;q=0, gzip;q=0' });
  expect(refused.headers['content-encoding'], `${url} refusing both`).to.equal(undefined);
}

/** A page's CSRF token is masked afresh in every page: two pages differ only there. */
const stripMasked = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');

describe('compression and caching (integration)', function () {
  let app: TestApp;
  let slug: string;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    const places = demoLocationDocuments(networks).slice(0, 40);
    slug = places[0]!.slug;
    await insertPlaces(...places);
    app = await startTestApp();
  });
  after(async () => {
    await app.close();
    await clearDatabase();
  });

  it('when a page, its JSON twin or the map’s GeoJSON is asked for with gzip or brotli, then it comes compressed so, and plain otherwise', async () => {
    await expectCompressedAsAsked(`${app.baseUrl}/`, /^text\/html/);
    await expectCompressedAsAsked(`${app.baseUrl}/api/v1/locations/${slug}`, /^application\/json/);
    const map = `${app.baseUrl}/api/v1/locations?bbox=-5,41,10,52&zoom=22`;
    // Anonymous readers are answered before Express; any other cookie sends the request through it.
    await expectCompressedAsAsked(map, /^application\/json/);
    await expectCompressedAsAsked(map, /^application\/json/, { cookie: 'unrelated=1' });
  });

  it('when the map answer is asked for again, then the cached answer is sent with the same compressed bytes', async () => {
    const map = `${app.baseUrl}/api/v1/locations?bbox=-5,42,10,51&zoom=22`;
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await rawGet(map, { 'accept-encoding': 'br' }));
    expect(answers.map((a) => a.headers['content-encoding'])).to.deep.equal(['br', 'br', 'br']);
    expect(answers[2]!.body.equals(answers[1]!.body)).to.equal(true);
    expect(answers[2]!.headers.vary).to.equal('Accept-Language, Accept-Encoding');
  });

  it('when a stylesheet or script is asked for by the URL a page names, then it comes compressed as asked and is kept for a year', async () => {
    const html = await (await app.get('/')).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(
      assets.filter((a) => a.endsWith('.css')),
      'stylesheets',
    ).to.have.length.greaterThan(0);
    expect(
      assets.filter((a) => a.endsWith('.js')),
      'scripts',
    ).to.have.length.greaterThan(0);
    for (const asset of assets) {
      expect(asset, 'named by a hash of its content').to.match(/^\/assets\/v\/[0-9a-f]{12}\//);
      const answer = await rawGet(app.baseUrl + asset, { 'accept-encoding': 'gzip, br' });
      expect(answer.headers['cache-control'], asset).to.equal('public, max-age=31536000, immutable');
    }
    const leaflet = assets.find((a) => a.endsWith('/leaflet.js'))!;
    await expectCompressedAsAsked(app.baseUrl + leaflet, /^text\/javascript/);
    const stylesheet = assets.find((a) => a.endsWith('/leaflet.css'))!;
    await expectCompressedAsAsked(app.baseUrl + stylesheet, /^text\/css/);
  });

  it('when an asset is asked for by its plain path or under another hash, then it is served but not kept for a year', async () => {
    for (const url of ['/assets/css/site.css', '/assets/v/000000000000/css/site.css']) {
      const answer = await rawGet(app.baseUrl + url);
      expect(answer.status, url).to.equal(200);
      expect(answer.headers['cache-control'], url).to.equal('public, max-age=3600');
    }
    expect((await rawGet(`${app.baseUrl}/assets/v/000000000000/../package.json`)).status).to.equal(404);
    expect((await rawGet(`${app.baseUrl}/assets/%2e%2e/package.json`)).status).to.equal(404);
  });

  it('when a browser revalidates an asset it holds, then the answer is 304 without a body', async () => {
    const first = await rawGet(`${app.baseUrl}/assets/css/site.css`, { 'accept-encoding': 'br' });
    const again = await rawGet(`${app.baseUrl}/assets/css/site.css`, {
      'accept-encoding': 'br',
      'if-none-match': first.headers.etag!,
    });
    expect(again.status).to.equal(304);
    expect(again.body.length).to.equal(0);
  });
});

describe('static assets: SVG (integration)', function () {
  let dir: string;
  let server: Server;
  let baseUrl: string;

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-assets-'));
    const circles = Array.from({ length: 60 }, (_, i) => `<circle cx="${i}" cy="${i}" r="4" fill="#2a6"/>`).join('');
    await writeFile(path.join(dir, 'logo.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${circles}</svg>`);
    const catalog = new AssetCatalog([{ prefix: '', dir }], { watch: false });
    const app = express();
    app.use('/assets', catalog.handle);
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  it('when an SVG is asked for with gzip or brotli, then it comes compressed so, and plain otherwise', async () => {
    await expectCompressedAsAsked(`${baseUrl}/assets/logo.svg`, /^image\/svg\+xml/);
  });
});
