// Debian's Chromium driven by playwright-core for the browser tests, fenced in to loopback with blank map tiles.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page, type Route } from 'playwright-core';

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab; its uncaught script errors and console errors are collected in `problems`. */
  page(): Promise<Page>;
  /** Script errors, console errors and requests that had to be blocked, in every tab of this browser. */
  problems: string[];
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A plain light-grey 256×256 PNG: what every map tile looks like in tests. */
function blankTile(size = 256): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(0, 9); // greyscale
  // Each scanline is a filter byte (0) followed by one byte per pixel.
  const row = Buffer.alloc(size + 1, 0xe8);
  row[0] = 0;
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const TILE = blankTile();

/** Launches a fresh Chromium profile with one context; `options` are the context's (viewport, JavaScript…). */
export async function openBrowser(options: BrowserContextOptions = {}): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-chromium-'));
  const problems: string[] = [];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      ...options,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  // Nothing a page does may leave this machine; tiles come from our own origin and are answered here.
  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    if (!LOOPBACK_HOSTS.has(url.hostname)) {
      problems.push(`blocked request to ${url.href}`);
      return route.abort('blockedbyclient');
    }
    if (url.pathname.startsWith('/test-tiles/'))
      return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
    return route.continue();
  });

  return {
    context,
    problems,
    async page() {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`${page.url()}: console: ${message.text()}`);
      });
      return page;
    },
    async close() {
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}
