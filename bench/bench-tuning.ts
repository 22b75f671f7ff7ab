// The process tuning the benchmark's app server runs with: the app's own (`TUNING`), less the settings named in
// BENCH_TUNING_WITHOUT (comma-separated keys of ProcessTuning), so that what each setting buys is measured alone.
// The app itself has one switch only; this is for the benchmark.
import { loadConfig } from '../server/config/index.ts';
import { processTuning, type ProcessTuning } from '../server/shared/runtime/tuning.ts';

const DROPPABLE = [
  'heapGrowingPercent',
  'semiSpaceMb',
  'mallocMmapThreshold',
  'releaseAfterBuild',
  'memorySoftLimitMb',
] as const;
type Droppable = (typeof DROPPABLE)[number];

/** The settings BENCH_TUNING_WITHOUT names; an unknown one is an error rather than a run measuring something else. */
export function droppedSettings(value = process.env.BENCH_TUNING_WITHOUT ?? ''): Droppable[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(DROPPABLE as readonly string[]).includes(name)) {
      throw new Error(`BENCH_TUNING_WITHOUT: unknown setting ${name} (one of ${DROPPABLE.join(', ')})`);
    }
  }
  return names as Droppable[];
}

/** `processTuning(config)` without the settings BENCH_TUNING_WITHOUT names. */
export function benchTuning(
  config: { TUNING: boolean; MEMORY_SOFT_LIMIT_MB: number } = loadConfig({ TUNING: process.env.TUNING ?? 'on' }),
): ProcessTuning {
  const tuning = processTuning(config);
  for (const name of droppedSettings()) {
    if (name === 'releaseAfterBuild') tuning.releaseAfterBuild = false;
    else if (name === 'memorySoftLimitMb') tuning.memorySoftLimitMb = 0;
    else delete tuning[name];
  }
  return tuning;
}
