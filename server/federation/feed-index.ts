// The order of each feed in memory (kind → change numbers and record ids), so a page is found without querying a
// collection by another field than `_id` (FerretDB 1.x scans the collection for every lookup). A page holds items only
// up to the highest number below which every number has been seen: numbers are claimed in order, but an item
// numbered elsewhere may reach this process after a later one, and a reader must never skip it.

/** How long a missing number holds the page back before it is taken as lost (its writer died before appending it). */
export const GAP_WAIT_MS = 30_000;

interface KindIndex {
  /** The current item of each record. */
  byRecord: Map<string, number>;
  /** Every number seen, ascending; superseded ones are skipped when read and dropped now and then. */
  numbers: number[];
  byNumber: Map<number, string>;
  /** Every number up to this one has been seen. */
  contiguous: number;
  /** Numbers seen above `contiguous`, with when the first of them arrived. */
  ahead: Set<number>;
  waitingSince: number | undefined;
  max: number;
}

export interface FeedEntry {
  n: number;
  recordId: string;
}

export class FeedIndex {
  private readonly kinds = new Map<string, KindIndex>();

  private kind(kind: string): KindIndex {
    let index = this.kinds.get(kind);
    if (!index) {
      index = {
        byRecord: new Map(),
        numbers: [],
        byNumber: new Map(),
        contiguous: 0,
        ahead: new Set(),
        waitingSince: undefined,
        max: 0,
      };
      this.kinds.set(kind, index);
    }
    return index;
  }

  /** Items read at start: whatever numbers are missing among them were dropped as superseded. */
  load(kind: string, items: FeedEntry[]): void {
    const index = this.kind(kind);
    for (const item of items) this.place(index, item);
    index.contiguous = Math.max(index.contiguous, index.max);
  }

  /** An item numbered here or elsewhere (as the change feed brought it). */
  add(kind: string, item: FeedEntry, now = Date.now()): void {
    const index = this.kind(kind);
    if (index.byNumber.has(item.n)) return;
    this.place(index, item);
    if (item.n <= index.contiguous) return;
    index.ahead.add(item.n);
    this.advance(index, now);
  }

  /** A superseded item deleted from the database. */
  drop(kind: string, n: number): void {
    const index = this.kinds.get(kind);
    const recordId = index?.byNumber.get(n);
    if (!index || recordId === undefined) return;
    index.byNumber.delete(n);
    if (index.byRecord.get(recordId) === n) index.byRecord.delete(recordId);
  }

  private place(index: KindIndex, { n, recordId }: FeedEntry): void {
    const current = index.byRecord.get(recordId);
    if (current === undefined || current < n) index.byRecord.set(recordId, n);
    index.byNumber.set(n, recordId);
    if (n > index.max) {
      index.numbers.push(n);
      index.max = n;
    } else {
      index.numbers.splice(lowerBound(index.numbers, n), 0, n);
    }
  }

  private advance(index: KindIndex, now: number): void {
    while (index.ahead.has(index.contiguous + 1)) index.ahead.delete(++index.contiguous);
    index.waitingSince = index.ahead.size ? (index.waitingSince ?? now) : undefined;
  }

  /** Lets a page pass a number that never came (called on each poll). True when it did. */
  skipLostNumbers(now = Date.now()): boolean {
    let skipped = false;
    for (const index of this.kinds.values()) {
      if (index.waitingSince === undefined || now - index.waitingSince < GAP_WAIT_MS) continue;
      index.contiguous = Math.min(...index.ahead) - 1;
      index.waitingSince = undefined;
      this.advance(index, now);
      skipped = true;
    }
    return skipped;
  }

  /** The highest number yet: the next one to claim is above it. */
  maxNumber(kind: string): number {
    return this.kinds.get(kind)?.max ?? 0;
  }

  currentNumber(kind: string, recordId: string): number | undefined {
    return this.kinds.get(kind)?.byRecord.get(recordId);
  }

  size(kind: string): number {
    return this.kinds.get(kind)?.byRecord.size ?? 0;
  }

  /** Up to `limit` current items after `after`, in order, none past a number still missing. */
  page(kind: string, after: number, limit: number): FeedEntry[] {
    const index = this.kinds.get(kind);
    if (!index) return [];
    const out: FeedEntry[] = [];
    for (let i = lowerBound(index.numbers, after + 1); i < index.numbers.length && out.length < limit; i++) {
      const n = index.numbers[i]!;
      if (n > index.contiguous) break;
      const recordId = index.byNumber.get(n);
      if (recordId !== undefined && index.byRecord.get(recordId) === n) out.push({ n, recordId });
    }
    return out;
  }

  /** Numbers no longer current, for deleting from the database; forgets them here. */
  superseded(kind: string): number[] {
    const index = this.kinds.get(kind);
    if (!index) return [];
    const old: number[] = [];
    for (const n of index.numbers) {
      const recordId = index.byNumber.get(n);
      if (recordId === undefined || index.byRecord.get(recordId) !== n) old.push(n);
    }
    return old;
  }

  /** Drops superseded numbers from the order once they are gone from the database. */
  compact(kind: string): void {
    const index = this.kinds.get(kind);
    if (!index) return;
    index.numbers = index.numbers.filter((n) => {
      const recordId = index.byNumber.get(n);
      const current = recordId !== undefined && index.byRecord.get(recordId) === n;
      if (!current) index.byNumber.delete(n);
      return current;
    });
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
