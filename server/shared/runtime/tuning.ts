// All process tuning in one place, behind one switch: TUNING=off runs Node, V8 and glibc with their own defaults
// (to measure what the tuning buys: BENCHMARKS.md); on, the default, applies the values below. A server holding a
// large directory is what it is for; a small instance loses nothing by it either.
import v8 from 'node:v8';
import { releaseUnusedMemory, watchMemory, type MemoryWatch } from './release-memory.ts';

export interface ProcessTuning {
  /**
   * How far past the live heap V8's old generation may grow before the next full collection. V8 picks a factor of
   * up to four from the allocation rate; under a crowd's varied searches the heap grew to three times what it held.
   */
  heapGrowingPercent?: number;
  /** V8's young-generation semi-space, MB: by default it grows to 128 MB under load and keeps it. */
  semiSpaceMb?: number;
  /**
   * glibc: blocks of this many bytes and more are mapped on their own and unmapped when freed. By default glibc
   * raises the threshold after the first large free, and the map's freed typed arrays and buffers stayed in the process.
   */
  mallocMmapThreshold?: number;
  /** Once the start-up build is done, one memory-reducing collection returns the pages its peak left pooled. */
  releaseAfterBuild: boolean;
  /** Past this RSS, a memory-reducing collection is asked for, at most once a minute (0: never). */
  memorySoftLimitMb: number;
}

export const DEFAULT_TUNING: Readonly<Required<ProcessTuning>> = Object.freeze({
  heapGrowingPercent: 30,
  semiSpaceMb: 8,
  mallocMmapThreshold: 131_072,
  releaseAfterBuild: true,
  memorySoftLimitMb: 384,
});

/** The tuning a server runs with: the defaults (the soft limit from config), or none at all when switched off. */
export function processTuning(config: { TUNING: boolean; MEMORY_SOFT_LIMIT_MB: number }): ProcessTuning {
  if (!config.TUNING) return { releaseAfterBuild: false, memorySoftLimitMb: 0 };
  return { ...DEFAULT_TUNING, memorySoftLimitMb: config.MEMORY_SOFT_LIMIT_MB };
}

/** What a server process must be started with: Node reads these flags, and glibc its environment, only at start. */
export function startArguments(tuning: ProcessTuning): { execArgv: string[]; env: Record<string, string> } {
  return {
    execArgv: tuning.semiSpaceMb === undefined ? [] : [`--max-semi-space-size=${tuning.semiSpaceMb}`],
    env: tuning.mallocMmapThreshold === undefined ? {} : { MALLOC_MMAP_THRESHOLD_: String(tuning.mallocMmapThreshold) },
  };
}

/** Settings a running process takes: V8 reads the growth flag at every collection, so setting it at start is enough. */
export function applyRuntimeTuning(tuning: ProcessTuning): void {
  if (tuning.heapGrowingPercent !== undefined) {
    v8.setFlagsFromString(`--heap-growing-percent=${tuning.heapGrowingPercent}`);
  }
}

export type OnMemoryRelease = (released: { rssBeforeMb: number; rssAfterMb: number; ms: number }) => void;

/**
 * Called once the start-up build is done and before the server listens: returns the build's spare memory and
 * starts watching the soft limit. Resolves to the watch (undefined when there is none) and how long the release took.
 */
export async function settleAfterBuild(
  tuning: ProcessTuning,
  onRelease: OnMemoryRelease,
): Promise<{ watch?: MemoryWatch; releaseMs: number }> {
  const started = performance.now();
  if (tuning.releaseAfterBuild) await releaseUnusedMemory();
  const releaseMs = performance.now() - started;
  if (tuning.memorySoftLimitMb <= 0) return { releaseMs };
  return { watch: watchMemory(tuning.memorySoftLimitMb * 2 ** 20, onRelease), releaseMs };
}
