// V8 keeps the pages that a collection frees in a pool for reuse, and gives them back to the system only in a
// memory-reducing collection, which it runs by itself once the process has been idle for a while. Building the
// directory at start-up briefly holds twice what the index keeps (documents, records, the index being filled); a
// server that takes requests right away is never idle, and kept that peak as RSS for good: 100,000 listings left
// about 120 MB of pooled pages (BENCHMARKS.md). One memory-reducing collection once the build is done returns them.
import { Session } from 'node:inspector/promises';

/**
 * Runs a memory-reducing garbage collection, through the inspector protocol: Node's only documented way to ask for
 * one. Resolves false where the inspector is not built in, as memory is then only kept longer, nothing fails.
 */
export async function releaseUnusedMemory(): Promise<boolean> {
  let session: Session;
  try {
    session = new Session();
    session.connect();
  } catch {
    return false;
  }
  try {
    await session.post('HeapProfiler.collectGarbage');
    return true;
  } finally {
    session.disconnect();
  }
}

/** How often the RSS is read (a read of /proc/self/statm: microseconds). */
const CHECK_EVERY_MS = 5_000;
/** The least time between two collections asked for, and the most when they keep returning little. */
const MIN_INTERVAL_MS = 60_000;
const MAX_INTERVAL_MS = 10 * 60_000;
/** A collection returning less than this says the process holds what it uses: ask less often. */
const WORTHWHILE_BYTES = 16 * 2 ** 20;

export interface MemoryWatch {
  stop(): void;
}

/**
 * Keeps the RSS near `softLimitBytes` under load. A busy server is never idle, so V8 never returns its pooled pages
 * by itself: past the limit, one memory-reducing collection is asked for, at most once a minute. It pauses the process
 * for a few full collections of the heap (0.35 s idle, 0.55 s under load for 100,000 listings), and under load the
 * pool fills again within a minute or two (BENCHMARKS.md): this bounds the RSS, it does not pin it. When one returns
 * little, what the process holds is live, and the next is asked for only after twice as long, up to 10 minutes.
 */
export function watchMemory(
  softLimitBytes: number,
  onRelease: (released: { rssBeforeMb: number; rssAfterMb: number; ms: number }) => void,
  { checkEveryMs = CHECK_EVERY_MS, minIntervalMs = MIN_INTERVAL_MS } = {},
): MemoryWatch {
  let interval = minIntervalMs;
  let last = -Infinity;
  let releasing = false;
  const timer = setInterval(() => {
    const rssBefore = process.memoryUsage.rss();
    const now = performance.now();
    if (releasing || rssBefore <= softLimitBytes || now - last < interval) return;
    releasing = true;
    void releaseUnusedMemory()
      .then(() => {
        const rssAfter = process.memoryUsage.rss();
        last = performance.now();
        interval = rssBefore - rssAfter < WORTHWHILE_BYTES ? Math.min(interval * 2, MAX_INTERVAL_MS) : minIntervalMs;
        onRelease({
          rssBeforeMb: Math.round(rssBefore / 2 ** 20),
          rssAfterMb: Math.round(rssAfter / 2 ** 20),
          ms: last - now,
        });
      })
      // Not expected; were it to happen, the server goes on and asks again only after the longest wait.
      .catch(() => {
        last = performance.now();
        interval = MAX_INTERVAL_MS;
      })
      .finally(() => {
        releasing = false;
      });
  }, checkEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
