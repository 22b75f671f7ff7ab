// Child process: builds the directory index from the benchmark database and serves the app on a loopback port.
// Reports timings and memory to the parent over IPC, so the load generator never shares this process's CPU.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { createServer, type Server } from 'node:http';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/index.ts';
import { createDirectory } from '../server/directory/index.ts';
import { directoryListings } from '../server/locations/index.ts';
import { directoryQuerySchema } from '../server/directory/directory.schemas.ts';
import { initI18n } from '../server/shared/i18n/i18n.ts';
import { watchCommands } from '../server/shared/db/command-watch.ts';
import { connectDatabase, disconnectDatabase } from '../server/shared/db/connection.ts';
import { parseInput } from '../server/shared/http/validate.ts';
import { createLogger } from '../server/shared/logging/logger.ts';
import { applyRuntimeTuning, settleAfterBuild } from '../server/shared/runtime/tuning.ts';
import { benchTuning } from './bench-tuning.ts';
import type { AppMessage, ParentMessage } from './ipc.ts';

const send = (message: AppMessage) => process.send?.(message);
const mb = () => process.memoryUsage().rss / 2 ** 20;

async function main(): Promise<void> {
  const uri = process.env.BENCH_DB_URI;
  const firstQuery = process.env.BENCH_FIRST_QUERY;
  if (!uri || !firstQuery) throw new Error('BENCH_DB_URI and BENCH_FIRST_QUERY are required');
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    DEMO_DATA: 'false',
    DATA_DIR: process.env.BENCH_DATA_DIR ?? os.tmpdir(),
    // Production refuses to start without a secret: a fresh random one per run, or the one the people's sessions are
    // signed with (bench/people.ts).
    SESSION_SECRET: process.env.BENCH_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    TUNING: process.env.TUNING ?? 'on',
  });
  // As server/main.ts does (the parent started this process with the tuning's start arguments), less the settings
  // BENCH_TUNING_WITHOUT names.
  const tuning = benchTuning(config);
  applyRuntimeTuning(tuning);
  const logger = createLogger(config.LOG_LEVEL);
  await initI18n();
  // BENCH_WATCH_DB=1: the database's work is watched, for each request's database share (bench/people.ts).
  const watchDatabase = process.env.BENCH_WATCH_DB === '1';
  await connectDatabase(uri, { monitorCommands: watchDatabase });
  const database = watchDatabase ? watchCommands() : undefined;
  const rssStart = mb();

  let started = performance.now();
  const directory = createDirectory({
    listings: directoryListings(),
    logger,
    pollMs: config.DIRECTORY_POLL_MS,
  });
  await directory.follower.start();
  const indexBuildMs = performance.now() - started;
  const rssAfterIndex = mb();
  const versionAtBuild = directory.index.version;

  // The first map query builds the list order and the cluster index of the unfiltered result, as server/main.ts
  // does before listening; then, as it does too, the memory the build took is returned.
  const query = parseInput(directoryQuerySchema, Object.fromEntries(new URLSearchParams(firstQuery)));
  started = performance.now();
  const features = directory.mapFeatures(query, 'public', 'en');
  const firstClusterMs = performance.now() - started;
  const rssAfterFirstCluster = mb();
  let memoryReleases = 0;
  let memoryReleaseMs = 0;
  const { releaseMs } = await settleAfterBuild(tuning, ({ ms }) => {
    memoryReleases += 1;
    memoryReleaseMs += ms;
  });
  const rssAfterRelease = mb();
  send({ type: 'built' });

  // What a steady poll costs once the index is built, and how many entries it re-applies (dropping the caches).
  const steadyPolls: { ms: number; reapplied: number }[] = [];
  for (let i = 0; i < 3; i += 1) {
    const before = directory.index.version;
    const begun = performance.now();
    await directory.follower.poll();
    steadyPolls.push({ ms: performance.now() - begun, reapplied: directory.index.version - before });
  }
  const versionAfterPolls = directory.index.version;

  // Garbage-collection pauses, summed: with a large heap they explain latency the request path does not.
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ['gc'] });
  let peakRss = mb();
  let polls = 0;
  let lastSync = directory.follower.lastSyncAt;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, mb());
    if (directory.follower.lastSyncAt !== lastSync) {
      lastSync = directory.follower.lastSyncAt;
      polls += 1;
    }
  }, 100);
  sampler.unref();

  const server: Server = createServer(buildApp({ config, logger, directory }).listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const stats = () => ({
    rssMb: mb(),
    peakRssMb: Math.max(peakRss, mb()),
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
    heapTotalMb: process.memoryUsage().heapTotal / 2 ** 20,
    externalMb: process.memoryUsage().external / 2 ** 20,
    indexVersion: directory.index.version,
    polls,
    gcMs,
    memoryReleases,
    memoryReleaseMs,
  });

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') send({ type: 'stats', ...stats() });
    if (message.type === 'database-time') {
      send({ type: 'database-time', ms: database?.totalMs() ?? NaN, commands: database?.commands.length ?? NaN });
    }
    if (message.type === 'live-heap') {
      // Needs --expose-gc (the benchmark starts this process with it): "heap used" alone counts garbage not yet freed.
      (globalThis as { gc?: () => void }).gc?.();
      send({ type: 'live-heap', liveHeapMb: process.memoryUsage().heapUsed / 2 ** 20, rssMb: mb() });
    }
    if (message.type === 'stop-follower') {
      // Waits for a poll in progress, so nothing reads the database any more once this is answered.
      const begun = performance.now();
      void directory.follower
        .stop()
        .then(() => send({ type: 'follower-stopped', waitedMs: performance.now() - begun }));
    }
    if (message.type === 'stop') {
      clearInterval(sampler);
      server.closeAllConnections();
      server.close();
      void directory.follower
        .stop()
        .then(() => disconnectDatabase())
        .finally(() => process.exit(0));
    }
  });

  send({
    type: 'ready',
    port: (server.address() as AddressInfo).port,
    pid: process.pid,
    locations: directory.index.size,
    startedFrom: directory.follower.startedFrom ?? 'unknown',
    indexBuildMs,
    firstClusterMs,
    firstClusterFeatures: features.features.length,
    rssStartMb: rssStart,
    rssAfterIndexMb: rssAfterIndex,
    rssAfterFirstClusterMb: rssAfterFirstCluster,
    releaseMs,
    rssAfterReleaseMb: rssAfterRelease,
    indexVersionAtBuild: versionAtBuild,
    indexVersionAfterSteadyPolls: versionAfterPolls,
    steadyPolls,
    pollMs: config.DIRECTORY_POLL_MS,
    ...stats(),
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
