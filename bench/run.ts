// `npm run bench`: 100,000 listings in a throwaway database, the index build, the map and search API under load
// against a bare node:http baseline, memory; writes BENCHMARKS.md. Exits non-zero on errors only, not on missed targets.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createLogger } from '../server/shared/logging/logger.ts';
import { nextMessage, REPO_ROOT, startChild, stopChild } from './children.ts';
import { measureCpu } from './cpu.ts';
import { insertListings, openDatabase, writeSentinel, type BenchDatabase } from './database.ts';
import type { Diagnosis } from './diagnose.ts';
import type {
  AppMessage,
  AppReady,
  AppStats,
  BaselineReady,
  DatabaseTime,
  LiveHeap,
  RecordedAnswers,
  RecordedResponse,
} from './ipc.ts';
import { benchListing, benchListings, benchNetworks, readLocalities, type BenchNetwork } from './listings.ts';
import { peopleScenarios, runPeopleScenario, seedPeople, STORED_SESSIONS, type PeopleRun } from './people.ts';
import { runLoad, type LoadResult } from './load.ts';
import { measurePageWeight } from './page-weight.ts';
import { benchTuning } from './bench-tuning.ts';
import {
  describeMachine,
  renderPeople,
  renderReport,
  replacePeopleSection,
  targetFigures,
  type Run,
} from './report.ts';
import { startArguments } from '../server/shared/runtime/tuning.ts';
import { buildScenarios, RECORDED_PER_SCENARIO, type Scenario } from './scenarios.ts';

/** BENCH_LISTINGS is for trying the benchmark quickly; the figures in BENCHMARKS.md are for 100,000. */
const LISTINGS = Number(process.env.BENCH_LISTINGS ?? 100_000);
const BATCH_SIZE = 1000;
const CONNECTIONS = 10;
const DURATION_SEC = Number(process.env.BENCH_DURATION_SEC ?? 10);
const WARMUP_SEC = 2;
const WOF_FILE = path.resolve(REPO_ROOT, '../shared/data/eu7_wof_places.csv');
/** BENCH_CPU_PROF=<dir> profiles the app child with `node --cpu-prof` into that folder. */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
/**
 * BENCH_SCENARIOS=targets runs only what the four targets in the report's "Targets" table need (panned map views,
 * varied searches, memory) and skips the build diagnosis: about half the time, for comparing variants of the code or
 * the tuning. BENCHMARKS.md itself comes from a full run.
 */
const TARGETS_ONLY = process.env.BENCH_SCENARIOS === 'targets';
/**
 * BENCH_SCENARIOS=people runs only the people's pages (bench/people.ts) and replaces their section of BENCHMARKS.md
 * (with the command, date and code of that run), leaving the rest of the report as the last full run wrote it.
 */
const PEOPLE_ONLY = process.env.BENCH_SCENARIOS === 'people';
const TARGET_SCENARIOS = new Set([
  'z8-pan',
  'z12-pan',
  'z15-pan',
  'q-type-bbox-varied',
  'q-country-facility-varied',
  'home-varied',
]);
/**
 * BENCH_DB_DIR=<dir> keeps the database in that folder and, when an earlier run filled it with as many listings,
 * reuses it instead of inserting them again (the first start then reads the checkpoint that run wrote).
 */
const DB_DIR = process.env.BENCH_DB_DIR;
/** BENCH_REPORT=<file> writes the report there instead of BENCHMARKS.md. */
const REPORT_FILE = process.env.BENCH_REPORT ?? path.join(REPO_ROOT, 'BENCHMARKS.md');

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Fetches every path once from the app (four at a time): the baseline replays these bytes; a non-2xx is an error. */
async function record(port: number, paths: string[]): Promise<Record<string, RecordedResponse>> {
  const skipped = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const recorded: Record<string, RecordedResponse> = {};
  const queue = [...new Set(paths)];
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      // Uncompressed, as the load runs ask: the baseline replays these bytes with these headers.
      const response = await fetch(`http://127.0.0.1:${port}${p}`, {
        headers: { 'accept-encoding': 'identity' },
        signal: AbortSignal.timeout(60_000),
      });
      const body = Buffer.from(await response.arrayBuffer());
      if (!response.ok) throw new Error(`app answered ${response.status} to ${p}: ${body.toString().slice(0, 300)}`);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        if (!skipped.has(key)) headers[key] = value;
      });
      recorded[p] = { status: response.status, headers, bodyBase64: body.toString('base64') };
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return recorded;
}

type StatsMessage = AppMessage & { type: 'stats' };

async function ask<T extends AppMessage>(child: ChildProcess, message: object, reply: T['type'], timeoutMs: number) {
  const answer = nextMessage<T>(child, reply, timeoutMs);
  child.send(message);
  return answer;
}

/** Warm-up, then the measured run, with the CPU use of every process during the measured part. */
async function measure(
  scenario: Scenario,
  port: number,
  pids: Record<string, number | undefined>,
  app?: ChildProcess,
): Promise<LoadResult> {
  const options = { port, paths: scenario.paths, connections: CONNECTIONS };
  const gcMs = async () => (app ? (await ask<StatsMessage>(app, { type: 'stats' }, 'stats', 10_000)).gcMs : NaN);
  await runLoad({ ...options, durationSec: WARMUP_SEC });
  const gcBefore = await gcMs();
  const cpu = measureCpu();
  const result = await runLoad({ ...options, durationSec: DURATION_SEC });
  const cpuUse = cpu(pids);
  return { ...result, cpu: cpuUse, gcMs: (await gcMs()) - gcBefore };
}

/** The people's pages, served by an app of their own that watches its database work. */
async function measurePeople(
  networks: BenchNetwork[],
  listedSlugs: string[],
  mapPath: string,
  appEnv: Record<string, string>,
  execArgv: string[],
): Promise<PeopleRun[]> {
  log(`people: ${STORED_SESSIONS} accounts, memberships and stored sessions`);
  const world = await seedPeople(networks.map((n) => n._id));
  const child = startChild(
    'app-server.ts',
    { ...appEnv, BENCH_WATCH_DB: '1', BENCH_SESSION_SECRET: world.sessionSecret },
    execArgv,
  );
  try {
    const app = await nextMessage<AppReady>(child, 'ready', 30 * 60_000);
    const databaseTime = () => ask<DatabaseTime>(child, { type: 'database-time' }, 'database-time', 10_000);
    const runs: PeopleRun[] = [];
    for (const scenario of peopleScenarios(world, app.port, listedSlugs, mapPath)) {
      runs.push(await runPeopleScenario(scenario, databaseTime));
      const run = runs.at(-1)!;
      log(
        `${run.id}: p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms, database ${(run.dbShare * 100).toFixed(0)} %`,
      );
    }
    return runs;
  } finally {
    await stopChild(child);
  }
}

async function main(): Promise<void> {
  const began = performance.now();
  const machine = describeMachine();
  let db: BenchDatabase | undefined;
  let dataDir: string | undefined;
  let appChild: ChildProcess | undefined;
  let baselineChild: ChildProcess | undefined;
  try {
    // Fails in a second, not after the import, when the app does not load (say, a working tree in mid-edit).
    await import('../server/app.ts');
    log(`reading ${WOF_FILE}`);
    const started = performance.now();
    const selection = await readLocalities(WOF_FILE);
    const networks = benchNetworks();
    const listings = benchListings(LISTINGS, selection.localities, networks);
    const buildMs = performance.now() - started;
    log(`${listings.length} listings built from ${selection.eligible} eligible localities in ${buildMs.toFixed(0)} ms`);

    if (DB_DIR) await mkdir(DB_DIR, { recursive: true });
    dataDir = DB_DIR ?? (await mkdtemp(path.join(os.tmpdir(), 'passerelle-bench-')));
    const filled = path.join(dataDir, `filled-${listings.length}`);
    const reusedDatabase = DB_DIR !== undefined && existsSync(filled);
    db = await openDatabase(dataDir, createLogger('warn'), DB_DIR ? 'passerelle_bench' : undefined);
    let insertMs = NaN;
    if (reusedDatabase) log(`database: ${db.description}; reusing the listings of an earlier run`);
    else {
      log(`database: ${db.description}; inserting listings`);
      insertMs = await insertListings(networks, listings, BATCH_SIZE, (m) => log(`  ${m}`));
      log(`inserted ${listings.length} listings in ${insertMs.toFixed(0)} ms; writing the sentinel`);
      await writeSentinel(benchListing(0, selection.localities[0]!, networks));
      if (DB_DIR) await writeFile(filled, '');
    }

    const allScenarios = buildScenarios(selection.localities);
    const firstQuery = new URL(allScenarios[0]!.paths[0]!, 'http://localhost').search.slice(1);
    const scenarios = TARGETS_ONLY ? allScenarios.filter((s) => TARGET_SCENARIOS.has(s.id)) : allScenarios;
    const tuningStart = startArguments(benchTuning());
    const childEnv = { BENCH_DB_URI: db.uri, BENCH_FIRST_QUERY: firstQuery, BENCH_DATA_DIR: dataDir };
    const appEnv = { ...childEnv, ...tuningStart.env };
    const listedSlugs = listings.map((l) => l.slug);
    const mapPath = allScenarios.find((s) => s.id === 'z12')!.paths[0]!;
    if (PEOPLE_ONLY) {
      const people = await measurePeople(networks, listedSlugs, mapPath, appEnv, tuningStart.execArgv);
      const section = renderPeople(people, { machine, date: new Date().toISOString() });
      await writeFile(REPORT_FILE, replacePeopleSection(await readFile(REPORT_FILE, 'utf8'), section));
      log(`wrote the people's pages into ${REPORT_FILE}`);
      return;
    }

    // The first start on this database builds from every listing and writes the checkpoint; every later start (any
    // server) reads that checkpoint and replays the feed. Both are measured; the second process serves the load.
    log('first start of the app: index build from the listings');
    appChild = startChild('app-server.ts', appEnv, tuningStart.execArgv);
    const firstStart = await nextMessage<AppReady>(appChild, 'ready', 30 * 60_000);
    log(`first start: index ${firstStart.indexBuildMs.toFixed(0)} ms from ${firstStart.startedFrom}`);
    await stopChild(appChild);

    log('restarting the app: index build from the checkpoint');
    const profile = ['--expose-gc', ...(CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`] : [])];
    const buildCpu = measureCpu();
    appChild = startChild('app-server.ts', appEnv, [...tuningStart.execArgv, ...profile]);
    const built = nextMessage<{ type: 'built' }>(appChild, 'built', 20 * 60_000);
    const ready = nextMessage<AppReady>(appChild, 'ready', 30 * 60_000);
    await built;
    const indexBuildCpu = buildCpu({ app: appChild.pid });
    const app = await ready;
    log(
      `app: index ${app.indexBuildMs.toFixed(0)} ms from ${app.startedFrom}, first cluster query ${app.firstClusterMs.toFixed(0)} ms`,
    );

    const pageWeight = await measurePageWeight(`http://127.0.0.1:${app.port}`);
    log(`home page JS + CSS: ${pageWeight.assets.reduce((sum, a) => sum + a.br, 0)} bytes with brotli`);

    log('recording the app responses for the baseline');
    const recordedFile = path.join(dataDir, 'recorded.json');
    // A varied run's queries beyond the recorded sample are answered by the baseline with a sampled query's bytes:
    // the same sizes, without recording tens of thousands of answers.
    const samples = scenarios.map((s) => s.paths.slice(0, RECORDED_PER_SCENARIO));
    const aliases: Record<string, string> = {};
    scenarios.forEach((s, i) => s.paths.forEach((p, k) => (aliases[p] ??= samples[i]![k % samples[i]!.length]!)));
    const recorded: RecordedAnswers = { responses: await record(app.port, samples.flat()), aliases };
    await writeFile(recordedFile, JSON.stringify(recorded));
    baselineChild = startChild('baseline-server.ts', { BENCH_RECORDED: recordedFile });
    const baseline = await nextMessage<BaselineReady>(baselineChild, 'ready', 60_000);
    const pids = { app: app.pid, baseline: baseline.pid };

    const polling: LoadResult[] = [];
    for (const scenario of scenarios) {
      polling.push(await measure(scenario, app.port, pids, appChild));
      log(
        `${scenario.id} (follower polling): ${polling.at(-1)!.rps.toFixed(0)} req/s, p95 ${polling.at(-1)!.p95.toFixed(2)} ms`,
      );
    }
    const afterPolling = await ask<StatsMessage>(appChild, { type: 'stats' }, 'stats', 10_000);
    log('stopping the follower (waits for a poll in progress)');
    const stopped = await ask<AppMessage & { type: 'follower-stopped' }>(
      appChild,
      { type: 'stop-follower' },
      'follower-stopped',
      15 * 60_000,
    );
    const runs: Run[] = [];
    for (const [i, scenario] of scenarios.entries()) {
      const idle = await measure(scenario, app.port, pids, appChild);
      const bare = await measure(scenario, baseline.port, pids);
      runs.push({ scenario, polling: polling[i]!, stopped: idle, baseline: bare });
      log(
        `${scenario.id}: app ${idle.rps.toFixed(0)} req/s p95 ${idle.p95.toFixed(2)} ms; baseline ${bare.rps.toFixed(0)} req/s`,
      );
    }
    const appAfterLoad: AppStats = await ask<StatsMessage>(appChild, { type: 'stats' }, 'stats', 10_000);
    log(`app RSS after load ${appAfterLoad.rssMb.toFixed(0)} MB (peak ${appAfterLoad.peakRssMb.toFixed(0)} MB)`);
    const liveHeap = await ask<LiveHeap>(appChild, { type: 'live-heap' }, 'live-heap', 60_000);
    await stopChild(baselineChild);
    await stopChild(appChild);

    const people = TARGETS_ONLY
      ? undefined
      : await measurePeople(networks, listedSlugs, mapPath, appEnv, tuningStart.execArgv);

    let diagnosis: Diagnosis | undefined;
    if (!TARGETS_ONLY) {
      log('diagnosing the index build in a separate process');
      const diagnoseChild = startChild('diagnose.ts', childEnv);
      try {
        diagnosis = (
          await nextMessage<{ type: 'diagnosis'; diagnosis: Diagnosis }>(diagnoseChild, 'diagnosis', 20 * 60_000)
        ).diagnosis;
      } finally {
        await stopChild(diagnoseChild);
      }
    }

    const results = {
      date: new Date().toISOString(),
      machine,
      connections: CONNECTIONS,
      durationSec: DURATION_SEC,
      warmupSec: WARMUP_SEC,
      data: {
        listings: listings.length,
        eligible: selection.eligible,
        isCurrentCounts: selection.isCurrentCounts,
        withHours: listings.filter((l) => 'openingHours' in l).length,
        networks: networks.length,
        buildMs,
      },
      database: { description: db.description, insertMs, batchSize: BATCH_SIZE },
      firstStart,
      app,
      indexBuildCpu,
      appAfterPolling: afterPolling,
      followerStopWaitMs: stopped.waitedMs,
      appAfterLoad,
      liveHeap,
      runs,
      people,
      pageWeight,
      diagnosis,
      totalSec: (performance.now() - began) / 1000,
      targetsOnly: TARGETS_ONLY,
      reusedDatabase,
    };
    await writeFile(REPORT_FILE, renderReport(results));
    log(`wrote ${REPORT_FILE}; targets: ${JSON.stringify(targetFigures(results))}`);
  } finally {
    await stopChild(baselineChild);
    await stopChild(appChild);
    await db?.close();
    if (dataDir && !DB_DIR) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
