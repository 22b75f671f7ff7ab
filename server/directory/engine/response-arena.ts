// Bytes for response bodies that are sent once and dropped, carved in turn from one long-lived buffer and given back
// when their response is done. A fresh buffer per body (tens of kilobytes for a map view) cost more than assembling the
// body: V8 counts such buffers as external memory and collects garbage every few dozen of them.

interface Region {
  start: number;
  end: number;
  done: boolean;
}

/** Bodies larger than this share of the arena get a buffer of their own. */
const LARGEST_SHARE = 1 / 8;

export class ResponseArena {
  private readonly buffer: Buffer;
  /** Regions in the order they were taken; the first not yet given back keeps everything after it from reuse. */
  private readonly taken: Region[] = [];
  /** Where the next region starts. */
  private head = 0;

  constructor(size: number) {
    this.buffer = Buffer.allocUnsafeSlow(size);
  }

  /**
   * `length` bytes to fill and send, and the function to call once the response holding them is done (sent, or its
   * connection closed): until then the bytes stay untouched. When the arena is full, the bytes are a buffer of their
   * own, and giving them back does nothing.
   */
  take(length: number): { bytes: Buffer; giveBack: () => void } {
    const start = this.place(length);
    if (start === undefined) return { bytes: Buffer.allocUnsafe(length), giveBack: () => {} };
    const region: Region = { start, end: start + length, done: false };
    this.taken.push(region);
    this.head = region.end;
    return {
      bytes: this.buffer.subarray(start, region.end),
      giveBack: () => {
        region.done = true;
        while (this.taken[0]?.done) this.taken.shift();
        if (this.taken.length === 0) this.head = 0;
      },
    };
  }

  /** Where `length` free bytes start: after the newest region, or from the beginning once the oldest leaves room. */
  private place(length: number): number | undefined {
    const size = this.buffer.length;
    if (length === 0 || length > size * LARGEST_SHARE) return undefined;
    const oldest = this.taken[0];
    if (!oldest) return 0;
    // Taken regions run from the oldest's start to the head, wrapping past the end at most once.
    const wrapped = this.head <= oldest.start;
    if (wrapped) return oldest.start - this.head >= length ? this.head : undefined;
    if (size - this.head >= length) return this.head;
    return oldest.start >= length ? 0 : undefined;
  }
}
