// Debian's Chromium driven by playwright-core for the browser tests, fenced in to loopback with blank map tiles.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/**
 * A loopback server answering every path with the blank tile, for a browser opened with its HTTP cache on (which
 * cannot answer tiles itself): pass `template` as the app's `TILE_URL`.
 */
export async function serveBlankTiles(): Promise<{ template: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=3600' });
    res.end(TILE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    template: `http://127.0.0.1:${port}/{z}/{x}/{y}.png`,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface FenceOptions {
  /**
   * Keep the browser's HTTP cache on, as people have it (for Back and reloads). Playwright turns the cache off as soon
   * as requests are routed, so this browser is fenced to loopback by its host resolver instead, and cannot answer
   * `/test-tiles/` itself: give the app a `TILE_URL` from `serveBlankTiles`.
   */
  httpCache?: boolean;
  /** More Chromium switches, e.g. a fake camera (`fake-camera.ts`). */
  chromiumArgs?: string[];
}

/** Launches a fresh Chromium profile with one context; `options` are the context's (viewport, JavaScript…). */
export async function openBrowser(
  options: BrowserContextOptions = {},
  { httpCache = false, chromiumArgs = [] }: FenceOptions = {},
): Promise<TestBrowser> {
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
        ...(httpCache ? ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'] : []),
        ...chromiumArgs,
      ],
      ...options,
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }

  const beyondLoopback = (href: string) => {
    const url = new URL(href);
    return url.protocol !== 'data:' && url.protocol !== 'blob:' && !LOOPBACK_HOSTS.has(url.hostname);
  };
  if (httpCache) {
    // The host resolver already refuses every other host; a request that tried is still a problem.
    context.on('request', (request) => {
      if (beyondLoopback(request.url())) problems.push(`blocked request to ${request.url()}`);
    });
    // Unrouted, Chromium asks for /favicon.ico, which we do not serve; other failed responses are problems, named.
    context.on('response', (response) => {
      const url = new URL(response.url());
      if (response.status() >= 400 && url.pathname !== '/favicon.ico')
        problems.push(`${response.status()} for ${url.pathname}${url.search}`);
    });
  } else {
    // Nothing a page does may leave this machine; tiles come from our own origin and are answered here.
    await context.route('**/*', async (route: Route) => {
      const url = new URL(route.request().url());
      if (beyondLoopback(url.href)) {
        problems.push(`blocked request to ${url.href}`);
        return route.abort('blockedbyclient');
      }
      if (url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      if (url.pathname.startsWith('/test-tiles/'))
        return route.fulfill({ status: 200, contentType: 'image/png', body: TILE });
      return route.continue();
    });
  }

  return {
    context,
    problems,
    async page() {
      const page = await context.newPage();
      page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        // With the cache on, failed responses are reported by URL above rather than by Chromium's anonymous line.
        const failedResource = httpCache && message.text().startsWith('Failed to load resource');
        if (message.type() === 'error' && !failedResource) problems.push(`${page.url()}: console: ${message.text()}`);
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
