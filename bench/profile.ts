// Where the time and memory of the directory go, without a database: the benchmark's listings are turned into
// directory entries in memory, the app serves them, and each query kind is CPU-profiled under load.
// Run: TZ=UTC node --expose-gc bench/profile.ts [listings] [seconds] [scenario ids, comma-separated];
// profiles go to a temp folder.
import { writeFile, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/index.ts';
import {
  toDirectoryEntry,
  type DirectoryEntry,
  type DirectorySource,
} from '../server/directory/engine/directory-entry.ts';
import { createDirectory } from '../server/directory/index.ts';
import { directoryListings } from '../server/locations/index.ts';
import { loadPlaceNames } from '../server/directory/engine/place-names.ts';
import { SharedValues } from '../server/directory/engine/indexed-entry.ts';
import { initI18n } from '../server/shared/i18n/i18n.ts';
import { parseOpeningHours } from '../server/locations/opening-hours.ts';
import { createLogger } from '../server/shared/logging/logger.ts';
import { REPO_ROOT } from './children.ts';
import { benchListings, benchNetworks, readLocalities } from './listings.ts';
import { runLoad } from './load.ts';
import { buildScenarios } from './scenarios.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Self time by function, largest first, as shares of all samples. */
function topFunctions(profile: Profile, count: number): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame;
    const file = frame.url.replace(/^file:\/\//, '').replace(`${REPO_ROOT}/`, '');
    const key = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
    const delta = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${((us / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const seconds = Number(process.argv[3] ?? 5);
  const only = process.argv[4]?.split(',');
  await initI18n();
  const selection = await readLocalities(path.resolve(REPO_ROOT, '../shared/data/eu7_wof_places.csv'));
  const networks = benchNetworks();
  const now = new Date();
  const placeNames = loadPlaceNames();
  const directory = createDirectory({
    listings: directoryListings(),
    logger: createLogger('silent'),
    pollMs: 60_000,
  });
  for (const n of networks) {
    directory.index.networks.set(n._id.toString(), { slug: n.slug, name: n.name, language: n.language });
  }
  const aliases = (country: string, locality: string) => placeNames.aliasesFor(country, locality);
  const before = heapMb();
  // The documents live only in here, as the follower's do; what the entries share with them (names) stays.
  const making = { shared: new SharedValues() };
  const build = () => {
    const docs = benchListings(count, selection.localities, networks).map((l) => ({
      ...l,
      _id: new Types.ObjectId(),
      updatedAt: now,
    }));
    const started = performance.now();
    const entries: DirectoryEntry[] = docs.map((d) =>
      toDirectoryEntry(d as unknown as DirectorySource, 'net', aliases, making),
    );
    console.log(`toDirectoryEntry × ${count}: ${(performance.now() - started).toFixed(0)} ms`);
    return { entries, hours: docs.filter((d) => d.openingHours).slice(0, 2000) };
  };
  const { entries, hours } = build();
  const withEntries = heapMb();
  const started = performance.now();
  for (const entry of entries) directory.index.upsert(entry);
  console.log(`upsert × ${count}: ${(performance.now() - started).toFixed(0)} ms`);
  entries.length = 0;
  const withIndex = heapMb();
  const parsed = hours.map((d) => parseOpeningHours(d.openingHours!, d.address.countryCode, d.coordinates));
  const perHours = ((heapMb() - withIndex) * 2 ** 20) / parsed.length;
  parsed.length = 0;
  console.log(
    `heap: entries ${(withEntries - before).toFixed(0)} MB (${(((withEntries - before) * 2 ** 20) / count).toFixed(0)} B each), ` +
      `index structures ${(withIndex - withEntries).toFixed(0)} MB, one parsed opening_hours ≈ ${perHours.toFixed(0)} B`,
  );

  const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', PORT: '0', SESSION_SECRET: 'x'.repeat(32) });
  const server = createServer(buildApp({ config, logger: createLogger('silent'), directory }).listener);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'passerelle-profile-'));
  for (const scenario of buildScenarios(selection.localities)) {
    if (only && !only.includes(scenario.id)) continue;
    await runLoad({ port, paths: scenario.paths, connections: 10, durationSec: 1 });
    await session.post('Profiler.start');
    const result = await runLoad({ port, paths: scenario.paths, connections: 10, durationSec: seconds });
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    await writeFile(path.join(dir, `${scenario.id}.cpuprofile`), JSON.stringify(profile));
    console.log(
      `\n${scenario.id} (${scenario.variation}): ${result.rps.toFixed(0)} req/s in-process, p50 ${result.p50.toFixed(1)} ms`,
    );
    for (const line of topFunctions(profile, 12)) console.log(`  ${line}`);
  }
  console.log(`\nprofiles in ${dir}`);
  server.close();
  session.disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
