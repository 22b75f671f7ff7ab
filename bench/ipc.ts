// Messages between the benchmark (parent) and its server children.

export interface AppStats {
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  /** What V8 holds for its heap (used or not), and memory outside it: Buffers and ArrayBuffers (answer caches, tiles). */
  heapTotalMb: number;
  externalMb: number;
  /** Grows by one for every entry the follower applies: a change here means the result caches were dropped. */
  indexVersion: number;
  /** Follower polls completed since the index was built. */
  polls: number;
  /** Garbage-collection pauses since the process started, summed. */
  gcMs: number;
  /** Memory-reducing collections asked for past the soft limit (as server/main.ts does), and their time, summed. */
  memoryReleases: number;
  memoryReleaseMs: number;
}

export interface AppReady extends AppStats {
  type: 'ready';
  port: number;
  pid: number;
  locations: number;
  /** Where `follower.start()` read the index from: the checkpoint in the database, or every listing. */
  startedFrom: string;
  indexBuildMs: number;
  firstClusterMs: number;
  firstClusterFeatures: number;
  rssStartMb: number;
  rssAfterIndexMb: number;
  rssAfterFirstClusterMb: number;
  /** The memory-reducing collection that follows, as in server/main.ts. */
  releaseMs: number;
  rssAfterReleaseMb: number;
  indexVersionAtBuild: number;
  indexVersionAfterSteadyPolls: number;
  /** Three follower polls timed right after the build. */
  steadyPolls: { ms: number; reapplied: number }[];
  pollMs: number;
}

export type AppMessage =
  | { type: 'built' }
  | AppReady
  | ({ type: 'stats' } & AppStats)
  | { type: 'follower-stopped'; waitedMs: number }
  | LiveHeap
  | DatabaseTime;

/** The database's work for the app so far (with BENCH_WATCH_DB=1): its commands' time, summed, and their number. */
export interface DatabaseTime {
  type: 'database-time';
  ms: number;
  commands: number;
}

/** The heap still in use after a full collection, and the RSS right after it. */
export interface LiveHeap {
  type: 'live-heap';
  liveHeapMb: number;
  rssMb: number;
}

export interface BaselineReady {
  type: 'ready';
  port: number;
  pid: number;
  paths: number;
}

export type ParentMessage =
  { type: 'stats' } | { type: 'live-heap' } | { type: 'stop-follower' } | { type: 'stop' } | { type: 'database-time' };

/** A response recorded from the app, replayed byte for byte by the baseline server. */
export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

/** What the baseline replays: responses by path, and for unrecorded paths the recorded path to answer them with. */
export interface RecordedAnswers {
  responses: Record<string, RecordedResponse>;
  aliases: Record<string, string>;
}
