// A running app for integration and browser tests: real database, real directory follower, a loopback port.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:http';
import { buildApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config/index.ts';
import { createDirectory, type DirectoryEngine } from '../../server/directory/index.ts';
import { directoryListings } from '../../server/locations/index.ts';
import { createFederation, type Federation } from '../../server/federation/index.ts';
import { testLogger } from './root-hooks.ts';

export interface TestApp {
  baseUrl: string;
  directory: DirectoryEngine;
  config: Config;
  /** Present when started with `federation: true`: its feeds are numbered and its peers followed. */
  federation?: Federation;
  /** Fetches a path of the app. */
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** How often the directory follows the database; tests default to fast, `npm start` uses 1000 ms. */
  pollMs?: number;
  /** Starts federation's feed numbering and following (off by default: it writes in the background). */
  federation?: boolean;
}

export async function startTestApp({
  env = {},
  pollMs = 100,
  federation: withFederation = false,
}: TestAppOptions = {}): Promise<TestApp> {
  const directory = createDirectory({ listings: directoryListings(), logger: testLogger, pollMs });
  await directory.follower.start();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Photo files go to a folder of this app's own, removed when it closes.
  const dataDir = env.DATA_DIR ? undefined : await mkdtemp(path.join(os.tmpdir(), 'passerelle-app-'));
  // Tiles come from our own origin in tests: no test sends traffic beyond loopback.
  const config = loadConfig({
    NODE_ENV: 'test',
    BASE_URL: baseUrl,
    TILE_URL: '/test-tiles/{z}/{x}/{y}.png',
    ...(dataDir ? { DATA_DIR: dataDir } : {}),
    ...env,
  });
  const federation = withFederation ? createFederation(config, testLogger, { pollMs }) : undefined;
  await federation?.start();
  const app = buildApp({ config, logger: testLogger, directory, federation });
  server.on('request', app.listener);
  return {
    baseUrl,
    directory,
    config,
    federation,
    get: (path, init) => fetch(baseUrl + path, init),
    close: async () => {
      await directory.follower.stop();
      await app.stop();
      await federation?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
