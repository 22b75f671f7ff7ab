// A response body assembled from pieces of other buffers (a map view from its tiles): the pieces are noted as ranges
// and copied once into the body. A Buffer per piece (`subarray`) cost more than the copy: a panned map view is made of
// some forty pieces.

export class ByteRanges {
  private readonly sources: Buffer[] = [];
  /** Start and end in its source of each piece, in turn. */
  private readonly bounds: number[] = [];
  /** The body's length so far. */
  length = 0;

  push(source: Buffer, start = 0, end = source.length): void {
    if (end <= start) return;
    this.sources.push(source);
    this.bounds.push(start, end);
    this.length += end - start;
  }

  /** Drops the last `count` bytes, which the last piece holds. */
  trimEnd(count: number): void {
    const last = this.bounds.length - 1;
    if (last < 1 || this.bounds[last]! - this.bounds[last - 1]! < count) throw new RangeError('trimEnd past a piece');
    this.bounds[last]! -= count;
    this.length -= count;
  }

  /** The body: copied into `into` (of at least its length), or into a new buffer. */
  join(into: Buffer = Buffer.allocUnsafe(this.length)): Buffer {
    let at = 0;
    for (let i = 0; i < this.sources.length; i += 1) {
      at += this.sources[i]!.copy(into, at, this.bounds[2 * i], this.bounds[2 * i + 1]);
    }
    return into.subarray(0, this.length);
  }
}
