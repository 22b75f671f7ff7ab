// V8 sizes the old generation ahead of what is live by a factor it picks from the allocation rate, up to four times.
// Under a crowd's varied searches a server holding 100,000 listings (about 200 MB live) grew its heap to 600 MB and its
// RSS to 1.3 GB; a fixed factor keeps the heap near what it holds, for somewhat more frequent full collections
// (BENCHMARKS.md gives their pauses). The flag is refused in NODE_OPTIONS, and V8 reads it at every collection, so
// setting it at start-up is enough.
import v8 from 'node:v8';

/** How far past the live heap (after a full collection) the old generation may grow before the next one. */
export const HEAP_GROWING_PERCENT = 30;

export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
