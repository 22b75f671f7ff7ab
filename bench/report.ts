// The machine description and BENCHMARKS.md: one table per measurement, each with its target and ✓ or ✗.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { calibrate, type Calibration, type CpuUse } from './cpu.ts';
import type { Diagnosis } from './diagnose.ts';
import type { AppReady, AppStats, LiveHeap } from './ipc.ts';
import type { LoadResult } from './load.ts';
import { RECORDED_PER_SCENARIO, VARIED_QUERIES, type Scenario } from './scenarios.ts';
import { FOLLOWER_OVERLAP_MS } from './database.ts';
import { startArguments, type ProcessTuning } from '../server/shared/runtime/tuning.ts';
import { benchTuning, droppedSettings } from './bench-tuning.ts';
import { renderPageWeight, type PageWeight } from './page-weight.ts';
import { STORED_SESSIONS, UNKNOWN_SLUG_P95_TARGET_MS, type PeopleRun } from './people.ts';

export const INDEX_BUILD_TARGET_MS = 5000;
/** The issue's target for panned map views (cache misses): a quarter of the bare node:http baseline's req/s. */
export const PANNED_RATIO_TARGET = 0.25;
export const RSS_TARGET_MB = 400;
/** Hand-maintained: what removing each piece of the directory's tuning cost; every run appends it to BENCHMARKS.md. */
export const ABLATIONS_FILE = path.join(import.meta.dirname, 'ablations.md');

export interface Machine {
  calibration: Calibration;
  code: string;
  nproc: number;
  memTotal: string;
  cpu: string;
  node: string;
  /** The process tuning the app server ran with (`TUNING`), and what it was started with for it. */
  tuning: ProcessTuning;
  tuningStart: string;
  /** The npm script that ran the benchmark, with the environment it sets (the allocator's threshold among it). */
  script: string;
  os: string;
}

/** The commit measured; BENCH_CODE overrides it (for a run in an exported snapshot, which has no .git). */
function describeCode(): string {
  if (process.env.BENCH_CODE) return process.env.BENCH_CODE;
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        encoding: 'utf8',
        cwd: import.meta.dirname,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const dirty = git('status', '--porcelain', '--', '.', ':!bench', ':!BENCHMARKS.md') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' plus uncommitted changes in the working tree' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function describeMachine(): Machine {
  let memTotal = `${(os.totalmem() / 2 ** 30).toFixed(1)}Gi`;
  try {
    const mem = execFileSync('free', ['-h'], { encoding: 'utf8' })
      .split('\n')
      .find((l) => l.startsWith('Mem:'));
    memTotal = mem?.split(/\s+/)[1] ?? memTotal;
  } catch {
    // `free` missing: os.totalmem() it is.
  }
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
  } catch {
    // Not Linux.
  }
  const code = describeCode();
  return {
    calibration: calibrate(),
    code,
    nproc: os.availableParallelism(),
    memTotal,
    cpu,
    node: process.version,
    tuning: benchTuning(),
    tuningStart: describeStart(benchTuning()),
    script: process.env.npm_lifecycle_script ?? 'node bench/run.ts (not through npm)',
    os: `${os.type()} ${os.release()}`,
  };
}

export interface Run {
  scenario: Scenario;
  /** The app as it runs: the change follower polling the database every DIRECTORY_POLL_MS. */
  polling: LoadResult;
  /** The same app once its follower is stopped: the in-memory query path alone. */
  stopped: LoadResult;
  baseline: LoadResult;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  connections: number;
  durationSec: number;
  warmupSec: number;
  data: {
    listings: number;
    eligible: number;
    isCurrentCounts: Record<string, number>;
    withHours: number;
    networks: number;
    buildMs: number;
  };
  database: { description: string; insertMs: number; batchSize: number };
  /** The first start on the database: no checkpoint yet, so built from every listing. */
  firstStart: AppReady;
  /** The restart that served the load runs. */
  app: AppReady;
  /** CPU use from starting the app process until its index and first cluster query were built. */
  indexBuildCpu: CpuUse | undefined;
  appAfterPolling: AppStats;
  followerStopWaitMs: number;
  appAfterLoad: AppStats;
  liveHeap: LiveHeap;
  runs: Run[];
  /** The people's pages (bench/people.ts); not measured with BENCH_SCENARIOS=targets. */
  people: PeopleRun[] | undefined;
  /** The home page's stylesheets and scripts on the wire. */
  pageWeight: PageWeight;
  diagnosis: Diagnosis | undefined;
  totalSec: number;
  /** BENCH_SCENARIOS=targets: only the runs the four targets need, no build diagnosis. */
  targetsOnly: boolean;
  /** BENCH_DB_DIR: the database of an earlier run was reused (no insert). */
  reusedDatabase: boolean;
}

/** The four targets of the directory's tuning, from this run: what bench/ablations.md compares. */
export interface TargetFigures {
  /** Worst p95 of the panned map views, ms: follower polling · stopped. */
  pannedP95: [number, number];
  /** Worst p95 of the searches, ms: polling · stopped. */
  searchP95: [number, number];
  /** Largest RSS at the moments checked against the target, MB, and the peak sampled every 100 ms. */
  rssMb: number;
  peakRssMb: number;
  /** Lowest app/baseline req/s ratio of the panned map views: polling · stopped. */
  pannedRatio: [number, number];
  /** The most CPU processes outside the benchmark used during any measured run, in cores. */
  otherCores: number;
}

export function targetFigures(r: BenchResults): TargetFigures {
  const panned = r.runs.filter((run) => run.scenario.group === 'cluster' && run.scenario.paths.length > 1);
  const search = r.runs.filter((run) => run.scenario.group === 'search');
  const worst = (runs: Run[], pick: (run: Run) => number) => Math.max(...runs.map(pick));
  const ratio = (runs: Run[], phase: 'polling' | 'stopped') =>
    Math.min(...runs.map((run) => run[phase].rps / run.baseline.rps));
  return {
    pannedP95: [worst(panned, (run) => run.polling.p95), worst(panned, (run) => run.stopped.p95)],
    searchP95: [worst(search, (run) => run.polling.p95), worst(search, (run) => run.stopped.p95)],
    rssMb: Math.max(
      r.app.rssAfterIndexMb,
      r.app.rssAfterReleaseMb,
      r.appAfterPolling.rssMb,
      r.appAfterLoad.rssMb,
      r.liveHeap.rssMb,
    ),
    peakRssMb: r.appAfterLoad.peakRssMb,
    pannedRatio: [ratio(panned, 'polling'), ratio(panned, 'stopped')],
    otherCores: Math.max(
      0,
      ...r.runs.flatMap((run) => [run.polling, run.stopped, run.baseline].map((x) => x.cpu?.otherCores ?? 0)),
    ),
  };
}

function targetsTable(t: TargetFigures): string[] {
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const both = (v: [number, number], f: (x: number) => string) => `${f(v[0])} · ${f(v[1])}`;
  return [
    '| Target (100,000 listings) | This run (follower polling · stopped) | |',
    '|---|--:|:-:|',
    `| Map p95, panned views (cache misses), worst of zooms 8, 12, 15 ≤ 10 ms | ${both(t.pannedP95, ms)} | ${mark(Math.max(...t.pannedP95) <= 10)} |`,
    `| Search p95, worst search ≤ 30 ms | ${both(t.searchP95, ms)} | ${mark(Math.max(...t.searchP95) <= 30)} |`,
    `| RSS ≤ ${RSS_TARGET_MB} MB, largest at the moments checked below (peak sampled every 100 ms: ${int(t.peakRssMb)}) | ${int(t.rssMb)} | ${mark(t.rssMb <= RSS_TARGET_MB)} |`,
    `| Panned views ≥ ${PANNED_RATIO_TARGET * 100} % of the bare node:http baseline's req/s, lowest of zooms 8, 12, 15 | ${both(t.pannedRatio, pct)} | ${mark(Math.min(...t.pannedRatio) >= PANNED_RATIO_TARGET)} |`,
    `| Most CPU used by processes outside the benchmark during a measured run | ${t.otherCores.toFixed(2)} cores | |`,
  ];
}

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(0)) : '—');
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const mark = (ok: boolean) => (ok ? '✓' : '✗');
const cores = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));
const errorsOf = (r: LoadResult) => r.non2xx + r.errors + r.timeouts;
const latency = (r: LoadResult) =>
  `${ms(r.p50)} / ${ms(r.p95)} / ${ms(r.p99)}${errorsOf(r) ? ` (**${errorsOf(r)} errors**)` : ''}`;

function loadTable(runs: Run[], withRatioTarget: boolean): string[] {
  const lines = [
    '| Query | Requests vary | App, follower polling: req/s | p50 / p95 / p99 ms | App, follower stopped: req/s | p50 / p95 / p99 ms | ' +
      'Baseline req/s | p50 / p95 / p99 ms | App/baseline (polling · stopped) | p95 target | p95 (polling · stopped) | ' +
      (withRatioTarget ? `Ratio ≥ ${PANNED_RATIO_TARGET * 100} % (polling · stopped) |` : 'Ratio target |'),
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|',
  ];
  for (const { scenario, polling, stopped, baseline } of runs) {
    const ratio = (r: LoadResult) => r.rps / baseline.rps;
    // How often a run came back to each distinct query: above one, small answers may come from the app's cache.
    const repeats = (r: LoadResult) => (r.rps * r.durationSec) / scenario.paths.length;
    const variation =
      scenario.paths.length > 1
        ? `${scenario.variation} (each asked ${repeats(polling).toFixed(1)} · ${repeats(stopped).toFixed(1)} times in a run)`
        : scenario.variation;
    const p95ok = (r: LoadResult) => mark(r.p95 <= scenario.p95TargetMs && errorsOf(r) === 0);
    lines.push(
      `| ${scenario.title} | ${variation} | ${int(polling.rps)} | ${latency(polling)} | ${int(stopped.rps)} | ${latency(stopped)} | ` +
        `${int(baseline.rps)} | ${latency(baseline)} | ${(ratio(polling) * 100).toFixed(1)} % · ${(ratio(stopped) * 100).toFixed(1)} % | ` +
        `≤ ${scenario.p95TargetMs} ms | ${p95ok(polling)} · ${p95ok(stopped)} | ` +
        (withRatioTarget
          ? `${mark(ratio(polling) >= PANNED_RATIO_TARGET)} · ${mark(ratio(stopped) >= PANNED_RATIO_TARGET)} |`
          : '— |'),
    );
  }
  return lines;
}

/** CPU time the server spent per request, from its process's CPU use during the measured run. */
const cpuMsPerRequest = (r: LoadResult, server: 'app' | 'baseline') => {
  const used = r.cpu?.named[server];
  return used === undefined || r.requests === 0 ? NaN : (used * r.durationSec * 1000) / r.requests;
};

function cpuTable(runs: Run[]): string[] {
  const cell = (r: LoadResult, server: 'app' | 'baseline') => {
    const c = r.cpu;
    if (!c) return '—';
    return `${cores(c.named[server])} · ${cores(c.named.rest)} · ${cores(c.named['load generator'])} · ${cores(c.otherCores)}`;
  };
  return [
    '| Query | Requests vary | App, follower polling | App, follower stopped | Baseline | Server CPU ms/request (app polling · app stopped · baseline) | Baseline/app CPU per request (stopped) | App GC pauses, ms in the run (polling · stopped) |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
    ...runs.map(({ scenario, polling, stopped, baseline }) => {
      const costs = [
        cpuMsPerRequest(polling, 'app'),
        cpuMsPerRequest(stopped, 'app'),
        cpuMsPerRequest(baseline, 'baseline'),
      ];
      const normalised = costs[2]! / costs[1]!;
      return (
        `| ${scenario.title} | ${scenario.variation} | ${cell(polling, 'app')} | ${cell(stopped, 'app')} | ${cell(baseline, 'baseline')} | ` +
        `${costs.map((c) => (Number.isFinite(c) ? c.toFixed(3) : '—')).join(' · ')} | ${Number.isFinite(normalised) ? `${(normalised * 100).toFixed(1)} %` : '—'} | ` +
        `${int(polling.gcMs ?? NaN)} · ${int(stopped.gcMs ?? NaN)} |`
      );
    }),
  ];
}

const PEOPLE_HEADING = "## People's pages";

/**
 * The people's pages: one request at a time, with the database's share of the time. `alone` names the run when it
 * was made apart from the full report (BENCH_SCENARIOS=people).
 */
export function renderPeople(runs: PeopleRun[], alone?: { machine: Machine; date: string }): string {
  const unknown = runs.find((run) => run.id === 'place-unknown');
  return [
    `${PEOPLE_HEADING} (${int(STORED_SESSIONS)} accounts with a stored session each)`,
    '',
    ...(alone
      ? [
          `Measured apart: \`BENCH_SCENARIOS=people npm run bench\`, ${alone.date}, code ${alone.machine.code}, load average`,
          `${os.loadavg()[0]!.toFixed(2)} at the end (other work on the machine slows the database's scans).`,
          '',
        ]
      : []),
    'Requests one after another, as one person waits for each (`bench/people.ts`), from an app of their own whose',
    'database commands are watched (`server/shared/db/command-watch.ts`): the database share is their time over the',
    "requests' time. A session's first request reads its session and builds its principal; later ones find the",
    'session (5 minutes) and the principal (60 s) in memory. Signing in includes the deliberately slow scrypt check.',
    '',
    '| Page | Requests | p50 ms | p95 ms | max ms | Database share | Commands per request |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...runs.map(
      (run) =>
        `| ${run.what} | ${run.requests} | ${ms(run.p50)} | ${ms(run.p95)} | ${ms(run.max)} | ${(run.dbShare * 100).toFixed(0)} % | ${run.commandsPerRequest.toFixed(1)} |`,
    ),
    '',
    `Target: unknown slug p95 ≤ ${UNKNOWN_SLUG_P95_TARGET_MS} ms: ${unknown ? `${ms(unknown.p95)} ms ${mark(unknown.p95 <= UNKNOWN_SLUG_P95_TARGET_MS)}` : 'not measured'}.`,
  ].join('\n');
}

/** The report with its people's section replaced by `section` (or added after the targets). */
export function replacePeopleSection(report: string, section: string): string {
  const start = report.indexOf(PEOPLE_HEADING);
  if (start >= 0) {
    const next = report.indexOf('\n## ', start + PEOPLE_HEADING.length);
    return report.slice(0, start) + section + (next >= 0 ? `\n${report.slice(next)}` : '\n');
  }
  const after = report.indexOf('\n## ', report.indexOf('## Targets') + 1);
  return after >= 0 ? `${report.slice(0, after)}\n${section}\n${report.slice(after)}` : `${report}\n${section}\n`;
}

export function renderReport(r: BenchResults): string {
  const { app, appAfterLoad: after, appAfterPolling: polled, diagnosis: d } = r;
  const sum = app.indexBuildMs + app.firstClusterMs + app.releaseMs;
  const clusterRuns = r.runs.filter((run) => run.scenario.group === 'cluster');
  const searchRuns = r.runs.filter((run) => run.scenario.group === 'search');
  const reapplied = polled.indexVersion - app.indexVersionAfterSteadyPolls;
  const otherMax = Math.max(
    0,
    ...r.runs.flatMap((run) => [run.polling, run.stopped, run.baseline].map((x) => x.cpu?.otherCores ?? 0)),
  );
  const out = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`bench/run.ts`); every run overwrites this file. The figures are from one run on the',
    'machine below: compare runs on the same machine only. Targets missed are marked ✗; the run still succeeds.',
    '',
    `- Command: \`npm run bench\` (\`${r.machine.script}\`), ${r.date}, ${r.totalSec.toFixed(0)} s in all`,
    `- Machine: ${r.machine.nproc} CPUs (\`nproc\`), ${r.machine.memTotal} RAM (\`free -h\` total), ${r.machine.cpu}, ${r.machine.os}`,
    `- Node ${r.machine.node}; app server tuning (\`TUNING\`, \`server/shared/runtime/tuning.ts\`): ${r.machine.tuningStart}; reference timings on this machine: 10⁸ additions ${r.machine.calibration.loopMs.toFixed(0)} ms,` +
      ` Array.filter over 100,000 small objects ${r.machine.calibration.filterMs.toFixed(1)} ms`,
    `- Code: ${r.machine.code}`,
    `- Database: ${r.database.description}${r.reusedDatabase ? ' (reused from an earlier run: `BENCH_DB_DIR`)' : ''}`,
    ...(r.targetsOnly
      ? [
          '- `BENCH_SCENARIOS=targets`: only the runs the four targets below need (panned map views and the varied',
          '  searches), no build diagnosis; the memory figures follow fewer load runs than a full run has.',
        ]
      : []),
    '',
    '## Targets',
    '',
    ...targetsTable(targetFigures(r)),
    '',
    renderPageWeight(r.pageWeight),
    '',
    ...(r.people ? [renderPeople(r.people), ''] : []),
    '## Data',
    '',
    '| Item | Value |',
    '|---|--:|',
    `| Listings (published) | ${int(r.data.listings)} |`,
    `| WOF localities used (placetype locality, is_current 1 or -1) | ${int(r.data.eligible)} eligible, ${int(Math.min(r.data.eligible, r.data.listings))} used |`,
    `| WOF locality rows by is_current | ${Object.entries(r.data.isCurrentCounts)
      .map(([k, v]) => `${k}: ${int(v)}`)
      .join(', ')} |`,
    `| Listings with opening hours | ${int(r.data.withHours)} |`,
    `| Networks | ${r.data.networks} |`,
    `| Building the listings in memory | ${int(r.data.buildMs)} ms |`,
    `| Inserting them (\`LocationModel.insertMany\`, batches of ${r.database.batchSize}; not a target) | ${int(r.database.insertMs)} ms (${int((r.data.listings / r.database.insertMs) * 1000)} listings/s) |`,
    '',
    '## Index build',
    '',
    'The first start on a database reads every listing and writes the checkpoint (a gzipped snapshot of the read',
    'model, in the database); every later start of any server reads the checkpoint and replays the change feed since.',
    'The benchmark starts the app twice on the same database and measures both; the second process serves the load.',
    '',
    '| Measurement | ms | Target | |',
    '|---|--:|--:|:-:|',
    `| First start: \`createDirectory\` + \`follower.start()\`, from ${r.firstStart.startedFrom} (${int(r.firstStart.locations)} entries; includes writing the checkpoint) | ${int(r.firstStart.indexBuildMs)} | ≤ ${INDEX_BUILD_TARGET_MS} | ${mark(r.firstStart.indexBuildMs <= INDEX_BUILD_TARGET_MS)} |`,
    `| Restart: \`createDirectory\` + \`follower.start()\`, from ${app.startedFrom} (${int(app.locations)} entries) | ${int(app.indexBuildMs)} | ≤ ${INDEX_BUILD_TARGET_MS} | ${mark(app.indexBuildMs <= INDEX_BUILD_TARGET_MS)} |`,
    `| First cluster query (zoom 4, Europe; builds list order and clusters lazily; ${app.firstClusterFeatures} features) | ${int(app.firstClusterMs)} | — | |`,
    `| Memory-reducing collection (\`releaseUnusedMemory()\`, as \`server/main.ts\` does next) | ${int(app.releaseMs)} | — | |`,
    `| Sum: ready to answer the first map view | ${int(sum)} | ≤ ${INDEX_BUILD_TARGET_MS} | ${mark(sum <= INDEX_BUILD_TARGET_MS)} |`,
  ];
  const bc = r.indexBuildCpu;
  if (bc) {
    out.push(
      '',
      `Average cores used from starting the app process to the end of the first cluster query: app ${cores(bc.named.app)},` +
        ` database server ${cores(bc.named.rest)}, processes outside the benchmark ${cores(bc.otherCores)}` +
        ` (the app process used ${int((bc.named.app ?? 0) * bc.seconds)} s of CPU in ${int(bc.seconds)} s, start-up included; the rest of the time it waited).`,
    );
  }
  if (d) {
    out.push(
      '',
      'Where the build time goes (`bench/diagnose.ts`: a separate process after the load, same database, warm; the',
      "app's own functions, called one step at a time):",
      '',
      '| Part | ms |',
      '|---|--:|',
      `| Database read: the published listings' indexed fields, mongoose \`lean()\` cursor (${int(d.documents)} documents) | ${int(d.readMs)} |`,
      `| Place-name alias table (\`loadPlaceNames\`, in \`createDirectory\`) | ${int(d.placeNamesMs)} |`,
      `| \`toDirectoryEntry\` for all (of which the ${int(d.withHours)} with opening hours: ${int(d.entriesWithHoursMs)}) | ${int(d.entriesMs)} |`,
      `| \`DirectoryIndex.upsert\` for all | ${int(d.upsertMs)} |`,
      `| First \`search({})\` (sorts the list order, filters) | ${int(d.firstSearchMs)} |`,
      `| First \`clusterIndex()\` (clusters at every zoom) | ${int(d.firstClusterIndexMs)} |`,
      `| Cluster query once both are built (zoom 4) | ${ms(d.clusterQueryWarmMs)} |`,
    );
  }
  out.push(
    '',
    `## Map clusters (\`/api/v1/locations?bbox=…&zoom=Z\`)`,
    '',
    `${r.connections} connections, ${r.durationSec} s per run after ${r.warmupSec} s of warm-up, app and baseline on the same URLs.`,
    '"Follower polling" is the app as it runs; "follower stopped" is the same process after `follower.stop()`, so the',
    'database is idle and the in-memory query path is measured alone. The baseline ran with the follower stopped.',
    '',
    ...loadTable(clusterRuns, true),
    '',
    '## Filtered word search',
    '',
    '"same URL" repeats one query, which the app may answer from its caches; "round-robin" requests each of its',
    `${int(VARIED_QUERIES)} distinct queries in turn, so a query comes back only after all the others (the baseline answers`,
    `them with the app's bytes for the first ${RECORDED_PER_SCENARIO}). Where a run asked for each query about once, its answers were`,
    "computed afresh; where it came back many times, small answers fit the app's answer cache (8 MB) and repeat visits",
    'were answered from it. The panned map views are varied the same way; their fresh answers are assembled from map tiles',
    'kept per zoom (`server/directory/engine/map-tiles.ts`).',
    '',
    ...loadTable(searchRuns, false),
    '',
    '## CPU during the runs',
    '',
    'Average cores used while measuring: server under test · database server (and other children) · load generator ·',
    `processes outside the benchmark (the machine has ${r.machine.nproc}). Other work on the machine makes a run slower.`,
    '',
    ...cpuTable(r.runs),
    '',
    '## Memory (RSS of the app process)',
    '',
    '"Heap used" counts garbage not yet collected; the live heap, after a full collection, is what the app holds. The app',
    `lets V8's old generation grow ${r.machine.tuning.heapGrowingPercent ?? "V8's own factor of"} % past the live heap (\`server/shared/runtime/tuning.ts\`); the RSS adds`,
    "the heap's free room and memory outside it (buffers, code). V8 (13.6, in Node 24) keeps the pages a collection",
    'frees in a pool for reuse and returns them to the system only in a memory-reducing collection (an idle process,',
    'memory pressure): a server under load keeps the peak of its heap, not what it holds. The start-up build is that',
    'peak (the index being filled beside what it is read from): `server/main.ts` runs one memory-reducing collection',
    '(`server/shared/runtime/tuning.ts`) once the directory and its first clusters are built, before',
    'listening; without it about 120 MB of pooled pages stayed for good. `--optimize-for-size` (every major',
    "collection reducing) kept this app's RSS under load near 470 MB instead of 560, at 30–50 % less throughput, so it",
    'is not used. The young generation is held to 8 MB semi-spaces (the tuning module): by default it grows to 128 MB under',
    'load and keeps it.',
    '',
    '| Moment | RSS MB | Target | |',
    '|---|--:|--:|:-:|',
    `| Connected, before the index | ${int(app.rssStartMb)} | — | |`,
    `| After the index build | ${int(app.rssAfterIndexMb)} | ≤ ${RSS_TARGET_MB} | ${mark(app.rssAfterIndexMb <= RSS_TARGET_MB)} |`,
    `| After the first cluster query | ${int(app.rssAfterFirstClusterMb)} | — | |`,
    `| After one memory-reducing collection, as \`server/main.ts\` does before listening | ${int(app.rssAfterReleaseMb)} | ≤ ${RSS_TARGET_MB} | ${mark(app.rssAfterReleaseMb <= RSS_TARGET_MB)} |`,
    `| After the load runs with the follower polling (heap used ${int(polled.heapUsedMb)} of ${int(polled.heapTotalMb)} MB held; outside the heap ${int(polled.externalMb)} MB) | ${int(polled.rssMb)} | ≤ ${RSS_TARGET_MB} | ${mark(polled.rssMb <= RSS_TARGET_MB)} |`,
    `| After all load runs (heap used ${int(after.heapUsedMb)} of ${int(after.heapTotalMb)} MB held; outside the heap ${int(after.externalMb)} MB) | ${int(after.rssMb)} | ≤ ${RSS_TARGET_MB} | ${mark(after.rssMb <= RSS_TARGET_MB)} |`,
    `| Then, after a full garbage collection (live heap ${int(r.liveHeap.liveHeapMb)} MB) | ${int(r.liveHeap.rssMb)} | ≤ ${RSS_TARGET_MB} | ${mark(r.liveHeap.rssMb <= RSS_TARGET_MB)} |`,
    `| Peak, sampled every 100 ms | ${int(after.peakRssMb)} | — | |`,
    '',
    `Past \`MEMORY_SOFT_LIMIT_MB\` (default 384), the server asks for a memory-reducing collection at most once a minute:`,
    `during all load runs it did ${after.memoryReleases}, taking ${int(after.memoryReleaseMs)} ms in all (counted in the GC pauses above).`,
    '',
    '## Change follower',
    '',
    `Steady polls right after the build (ms; entries re-applied): ${app.steadyPolls.map((p) => `${int(p.ms)}; ${int(p.reapplied)}`).join(' · ')}.`,
    `The follower polls every ${app.pollMs} ms (default DIRECTORY_POLL_MS); during the runs with it polling it completed`,
    `${int(polled.polls)} polls and re-applied ${int(reapplied)} entries (each re-applied entry drops the result and cluster caches).`,
    `Stopping it waited ${int(r.followerStopWaitMs)} ms for the poll in progress.`,
    '',
    `The benchmark writes one draft listing ${(FOLLOWER_OVERLAP_MS + 1000) / 1000} s after the import, before the app starts, so the`,
    `follower's ${FOLLOWER_OVERLAP_MS / 1000} s overlap window begins after the import: the steady state after any ordinary edit, not`,
    'the seconds right after a bulk import.',
    '',
    '## Method',
    '',
    "- Listings: 100,000 built from `../shared/data/eu7_wof_places.csv` (Who's On First, benchmark data only): localities with",
    '  is_current 1 or -1 (-1 is "unknown" and holds Namur, Liège, Antwerpen), most populous first, cycled if fewer',
    '  than needed; coordinates of the locality (approximate), type, model and facilities cycled through the vocabulary,',
    '  time zone by country, one listing in three with opening hours, three networks.',
    '- The database is started as the app starts it (`launchDatabase`, temp data folder, or `MONGODB_URI` with a database',
    '  of its own that is dropped afterwards).',
    '- The app runs in a child process (`bench/app-server.ts`: `loadConfig({ NODE_ENV: "production", LOG_LEVEL: "silent" })`,',
    '  `initI18n`, `createDirectory`, `follower.start()`, `buildApp`), and the baseline in another (`bench/baseline-server.ts`:',
    '  bare `node:http` replaying the exact status, headers and body the app returned for each URL). autocannon runs in',
    '  the parent, so on this 2-CPU machine the server under test has one core and the load generator the other.',
    `- ${r.connections} connections, no pipelining, closed loop: enough to keep the single-threaded server busy all the`,
    '  time, so req/s is its capacity, while autocannon on the other core is not itself the limit for the app (it may be',
    '  for the baseline). Latency is measured at that saturation: it includes the wait behind up to 9 other requests,',
    '  so it is about 10 × the CPU time per request; the CPU table gives that cost directly.',
    '- CPU use comes from /proc: the server under test, the database server and other children of the benchmark, the',
    '  load generator (this process), and every other process on the machine. "Server CPU ms/request" depends much less',
    '  on how busy the machine was than req/s and latency do (though memory-bound code still slows down beside other work).',
    '- Latency percentiles are computed from every 2xx response time (autocannon reports no p95); req/s counts 2xx only.',
    '- Varied queries are requested round-robin through one counter shared by all connections.',
    '- `bench/profile.ts` (by hand: `TZ=UTC node --expose-gc bench/profile.ts [listings] [seconds]`) builds',
    '  the same listings into the index without a database and CPU-profiles each query kind.',
    `- The most CPU that processes outside the benchmark used during any measured run: ${otherMax.toFixed(2)} cores` +
      (otherMax > 0.2 ? ' — the machine was not quiet; treat the figures as a lower bound.' : '.'),
  );
  if (existsSync(ABLATIONS_FILE)) out.push('', readFileSync(ABLATIONS_FILE, 'utf8').trimEnd());
  return `${out.join('\n')}\n`;
}

function describeStart(tuning: ProcessTuning): string {
  const { execArgv, env } = startArguments(tuning);
  const parts = [...execArgv, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)];
  const without = droppedSettings();
  const less = without.length ? `, less ${without.join(', ')} (\`BENCH_TUNING_WITHOUT\`)` : '';
  if (!parts.length && !tuning.releaseAfterBuild && !tuning.memorySoftLimitMb && !tuning.heapGrowingPercent)
    return `off${less}`;
  return `on (\`${parts.join(' ')}\`, heap growth ${tuning.heapGrowingPercent ?? "V8's own"} %, release after build ${tuning.releaseAfterBuild ? 'yes' : 'no'}, soft limit ${tuning.memorySoftLimitMb ? `${tuning.memorySoftLimitMb} MB` : 'none'}${less})`;
}
