// Test harness: one throwaway database per run (MONGODB_URI if set, else embedded FerretDB), started like `npm start` does.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectDatabase, disconnectDatabase } from '../../server/shared/db/connection.ts';
import { DEFAULT_RESTART_POLICY } from '../../server/shared/db/child-watchdog.ts';
import { launchDatabase, type RunningDatabase } from '../../server/shared/db/launcher.ts';
import { createLogger } from '../../server/shared/logging/logger.ts';
import { initI18n } from '../../server/shared/i18n/i18n.ts';
import { drainSessionWrites } from '../../server/auth/session-store.ts';

let database: RunningDatabase | undefined;
let dataDir: string | undefined;
let databaseUri: string | undefined;

/** The test run's database, for a test that starts the server in a process of its own. */
export function testDatabaseUri(): string {
  if (!databaseUri) throw new Error('the test database is not started');
  return databaseUri;
}

export const testLogger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    // The first run on a machine may build FerretDB with Go.
    this.timeout(15 * 60 * 1000);
    await initI18n();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-test-'));
    database = await launchDatabase({
      mongodbUri: process.env.MONGODB_URI || undefined,
      dataDir,
      // A database of its own per run, so a shared MONGODB_URI server is never emptied by the tests.
      databaseName: `passerelle_test_${process.pid}`,
      ferretDbBin: process.env.FERRETDB_BIN || undefined,
      logger: createLogger('info'),
      // A first restart slower than the app's wait for a server (under a second), so that the outage test sees for sure
      // the 503s the database's absence brings before it comes back.
      restartPolicy: { ...DEFAULT_RESTART_POLICY, firstDelayMs: 2000 },
    });
    const uri = process.env.MONGODB_URI
      ? withDatabase(process.env.MONGODB_URI, `passerelle_test_${process.pid}`)
      : database.uri;
    databaseUri = uri;
    await connectDatabase(uri, { monitorCommands: true });
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    if (process.env.MONGODB_URI) {
      const mongoose = (await import('mongoose')).default;
      await mongoose.connection.db?.dropDatabase();
    }
    await drainSessionWrites();
    await disconnectDatabase();
    await database?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  },
};

function withDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}
