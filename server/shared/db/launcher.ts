// Starts the database the app talks to: MONGODB_URI when set, else an embedded FerretDB (SQLite backend)
// under the data folder, watched and restarted should it stop, else a MongoDB from mongodb-memory-server. Used by
// `npm start` (the server process, main.ts, owns the FerretDB it starts) and the test harness.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { Logger } from '../logging/logger.ts';
import { watchChild, type RestartPolicy } from './child-watchdog.ts';
import { ensureFerretDbBinary, hasGo, FERRETDB_VERSION } from './ferretdb-binary.ts';

export interface RunningDatabase {
  uri: string;
  /** What was started, for the start-up line: "MongoDB at MONGODB_URI", "FerretDB … (SQLite) …". */
  description: string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  mongodbUri?: string;
  /** Folder for the embedded database's files. */
  dataDir: string;
  databaseName: string;
  ferretDbBin?: string;
  logger: Logger;
  /** How the embedded FerretDB is restarted should it stop; the default suits a server. */
  restartPolicy?: RestartPolicy;
}

export async function launchDatabase(options: LaunchOptions): Promise<RunningDatabase> {
  const { logger } = options;
  if (options.mongodbUri) {
    return { uri: options.mongodbUri, description: 'MongoDB at MONGODB_URI', stop: async () => {} };
  }
  if (options.ferretDbBin || (await hasGo())) {
    return startFerretDb(options);
  }
  logger.warn('Go not found: falling back to mongodb-memory-server (needs to download MongoDB once)');
  return startMemoryServer(options);
}

/** Where the app's configuration says its database is; `npm start` and the command-line tools open the same one. */
export interface AppDatabaseSettings {
  MONGODB_URI?: string;
  dataDir: string;
  FERRETDB_BIN?: string;
}

export function launchAppDatabase(settings: AppDatabaseSettings, logger: Logger): Promise<RunningDatabase> {
  return launchDatabase({
    mongodbUri: settings.MONGODB_URI,
    dataDir: settings.dataDir,
    databaseName: 'passerelle',
    ferretDbBin: settings.FERRETDB_BIN,
    logger,
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function waitUntilReachable(uri: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited with code ${child.exitCode}`);
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.close().catch(() => {});
    }
  }
  throw new Error(`FerretDB did not answer within ${timeoutMs} ms`, { cause: lastError });
}

/**
 * FerretDB's Go collector by default runs whenever its heap doubles. Its live heap is small while decoding documents
 * allocates fast, so a first start's read of every listing spent much of its CPU collecting; letting the heap grow
 * four times trades some memory for a shorter first start (BENCHMARKS.md, "Index build"). A GOGC of the caller's own
 * wins.
 */
const FERRETDB_GOGC = '400';

async function startFerretDb(options: LaunchOptions): Promise<RunningDatabase> {
  const binary = await ensureFerretDbBinary(options.logger, options.ferretDbBin);
  const dir = path.join(options.dataDir, 'ferretdb');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const dbLog = options.logger.child({ component: 'ferretdb' });
  // A restart keeps the data folder and the port, so the app's connection string stays right and its driver
  // reconnects by itself.
  const start = () => {
    const child = spawn(
      binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${dir}/`,
        `--state-dir=${dir}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=error',
        '--log-format=json',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GOGC: process.env.GOGC ?? FERRETDB_GOGC } },
    );
    child.stderr?.on('data', (chunk: Buffer) => dbLog.warn(chunk.toString().trim()));
    return child;
  };
  const first = start();
  const uri = `mongodb://127.0.0.1:${port}/${options.databaseName}`;
  try {
    await waitUntilReachable(uri, first, 30_000);
  } catch (error) {
    first.kill('SIGKILL');
    throw error;
  }
  // Watched only once it answered: a FerretDB that cannot start at all fails the start instead.
  const watchdog = watchChild(first, {
    name: 'FerretDB',
    start,
    logger: dbLog,
    stopChild,
    policy: options.restartPolicy,
  });
  return {
    uri,
    description: `FerretDB ${FERRETDB_VERSION} (SQLite backend in ${dir}) on 127.0.0.1:${port}, restarted should it stop`,
    stop: () => watchdog.stop(),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  // Already gone: it exited, was killed by a signal, or never started.
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startMemoryServer(options: LaunchOptions): Promise<RunningDatabase> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const server = await MongoMemoryServer.create();
  return {
    uri: server.getUri(options.databaseName),
    description: `MongoDB ${server.instanceInfo?.port ? `on 127.0.0.1:${server.instanceInfo.port}` : ''} from mongodb-memory-server`,
    stop: async () => {
      await server.stop();
    },
  };
}
