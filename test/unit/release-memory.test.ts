// Handing pooled memory back: the collection runs, and the watch asks for it only past its soft limit.
import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { releaseUnusedMemory, watchMemory } from '../../server/shared/runtime/release-memory.ts';

describe('releasing unused memory', () => {
  it('when garbage was made and freed, then a memory-reducing collection runs and the heap shrinks back', async () => {
    const held = Array.from({ length: 200 }, () => Array.from({ length: 10_000 }, Math.random));
    const withGarbage = process.memoryUsage().heapUsed;
    held.length = 0;
    expect(await releaseUnusedMemory()).to.equal(true);
    // 200 × 10,000 numbers held about 16 MB of heap.
    expect(withGarbage - process.memoryUsage().heapUsed).to.be.above(8 * 2 ** 20);
  });

  it('when the RSS is past the soft limit, then the watch asks for a collection and reports it; below, never', async () => {
    const past: { rssBeforeMb: number; rssAfterMb: number }[] = [];
    const below: unknown[] = [];
    const timing = { checkEveryMs: 20, minIntervalMs: 10_000 };
    const watches = [
      watchMemory(1, (released) => past.push(released), timing),
      watchMemory(Number.MAX_SAFE_INTEGER, (released) => below.push(released), timing),
    ];
    await sleep(500);
    watches.forEach((w) => w.stop());
    // Once: the next may come only after the minimum interval.
    expect(past).to.have.length(1);
    expect(past[0]!.rssBeforeMb).to.be.above(0);
    expect(below).to.deep.equal([]);
  });
});
