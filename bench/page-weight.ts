// The home page's weight on the wire: each stylesheet and script it names, as sent plainly, with gzip and with brotli,
// fetched from the running app as a browser would (the bytes counted are the bytes sent).
import { get as httpGet } from 'node:http';

/** The target: the home page's JavaScript and CSS, compressed as Chromium asks (brotli). */
export const HOME_WEIGHT_TARGET_BYTES = 60 * 1024;

export interface AssetWeight {
  url: string;
  raw: number;
  gzip: number;
  br: number;
}

export interface PageWeight {
  page: string;
  assets: AssetWeight[];
  /** The page itself (HTML), for reference. */
  html: AssetWeight;
}

function bytesSent(url: string, acceptEncoding: string | undefined): Promise<{ bytes: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
        else resolve({ bytes: body.length, body });
      });
    }).on('error', reject);
  });
}

async function weigh(url: string): Promise<AssetWeight & { body: Buffer }> {
  const raw = await bytesSent(url, undefined);
  const gzip = await bytesSent(url, 'gzip');
  const br = await bytesSent(url, 'br');
  return { url, raw: raw.bytes, gzip: gzip.bytes, br: br.bytes, body: raw.body };
}

/** Weighs the page at `path` of the app at `baseUrl` and every stylesheet and script it names. */
export async function measurePageWeight(baseUrl: string, path = '/'): Promise<PageWeight> {
  const { body, ...html } = await weigh(baseUrl + path);
  const urls = [
    ...new Set(
      [...body.toString().matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]!),
    ),
  ];
  const assets: AssetWeight[] = [];
  for (const url of urls) {
    const { body: _body, ...weight } = await weigh(new URL(url, baseUrl).href);
    assets.push({ ...weight, url });
  }
  return { page: path, assets, html: { ...html, url: path } };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function renderPageWeight(weight: PageWeight): string {
  const total = (key: 'raw' | 'gzip' | 'br') => weight.assets.reduce((sum, a) => sum + a[key], 0);
  const row = (name: string, a: Pick<AssetWeight, 'raw' | 'gzip' | 'br'>) =>
    `| ${name} | ${kb(a.raw)} | ${kb(a.gzip)} | ${kb(a.br)} |`;
  const br = total('br');
  return [
    `## Page weight (home page \`${weight.page}\`)`,
    '',
    'Each stylesheet and script the home page names, fetched from the app as sent: plainly, with `Accept-Encoding:',
    'gzip` and with `br` (`bench/page-weight.ts`). Assets are compressed once per process and served from URLs that',
    'carry their content hash, kept by browsers for a year; the page itself is compressed as it is sent.',
    '',
    '| Asset | Raw | gzip | brotli |',
    '|---|--:|--:|--:|',
    ...weight.assets.map((a) => row(`\`${a.url.replace(/^\/assets\/v\/[0-9a-f]+\//, '')}\``, a)),
    row('**JS + CSS in all**', { raw: total('raw'), gzip: total('gzip'), br }),
    row('the page (HTML), for reference', weight.html),
    '',
    `Target: JS + CSS ≤ ${kb(HOME_WEIGHT_TARGET_BYTES)} compressed as Chromium asks (brotli): ${kb(br)} ${br <= HOME_WEIGHT_TARGET_BYTES ? '✓' : '✗'}.`,
  ].join('\n');
}
