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
