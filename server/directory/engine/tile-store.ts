// Where the map's tiles keep their bytes: a ring of large slabs, written in the order tiles are built; when the ring is
// full, the oldest slab's tiles are let go and the slab is written again. Tiles were let go oldest first already; a
// buffer and a typed array of their own per tile left glibc's heap larger than the tiles themselves (freed and taken
// again in every size and order), and cost four objects each.
import type { ByteRanges } from './byte-ranges.ts';

/** One feature of the map, serialised, at the position it is drawn. */
export interface PositionedFeature {
  json: string;
  lng: number;
  lat: number;
}

/** The tiles of one result set, language, zoom and tile zoom, by x · 2^tileZoom + y; `name` is its key in `parent`. */
export class Layer {
  readonly tiles = new Map<number, Tile>();

  readonly parent: Map<string, Layer>;
  readonly name: string;
  constructor(parent: Map<string, Layer>, name: string) {
    this.parent = parent;
    this.name = name;
  }
}

/** Per feature, a tile's table holds three numbers. */
const FEATURE_NUMBERS = 3;

/** A tile's features: each feature's JSON followed by a comma, so that whole tiles are copied as they are. */
export class Tile {
  readonly bytes: Buffer;
  readonly start: number;
  readonly end: number;
  readonly table: Float64Array;
  readonly tableStart: number;
  readonly count: number;
  readonly slab: number;
  constructor(
    /** Holds the bytes of the features from `start` to `end`. */
    bytes: Buffer,
    start: number,
    end: number,
    /** Per feature from `tableStart`, three numbers: where its bytes end in `bytes` (its comma included), lng, lat. */
    table: Float64Array,
    tableStart: number,
    count: number,
    /** The ring's slab holding it, or -1 for a tile outside the ring. */
    slab: number,
  ) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.table = table;
    this.tableStart = tableStart;
    this.count = count;
    this.slab = slab;
  }

  /** Adds every feature's bytes to `into`. */
  pushAll(into: ByteRanges): void {
    into.push(this.bytes, this.start, this.end);
  }

  /** Adds the bytes of the features positioned in the box to `into`, each run of them as one piece. */
  pushWithin(minLng: number, minLat: number, maxLng: number, maxLat: number, into: ByteRanges): void {
    const { table, bytes } = this;
    let runStart = -1;
    let previousEnd = this.start;
    const tableEnd = this.tableStart + FEATURE_NUMBERS * this.count;
    for (let k = this.tableStart; k < tableEnd; k += FEATURE_NUMBERS) {
      const lng = table[k + 1]!;
      const lat = table[k + 2]!;
      const inside = lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
      if (inside && runStart < 0) runStart = previousEnd;
      if (!inside && runStart >= 0) {
        into.push(bytes, runStart, previousEnd);
        runStart = -1;
      }
      previousEnd = table[k]!;
    }
    if (runStart >= 0) into.push(bytes, runStart, previousEnd);
  }
}

/** Shared by every tile without features: at street level most are. */
export const EMPTY_TILE = new Tile(Buffer.alloc(0), 0, 0, new Float64Array(0), 0, 0, -1);

const NUMBER_BYTES = Float64Array.BYTES_PER_ELEMENT;
/** The pinned slabs are bits of a 32-bit number. */
const MAX_SLABS = 31;

/** Writes `features` at `at` in `bytes` and their numbers at `tableStart` in `table`; returns where the bytes end. */
function writeFeatures(
  features: readonly PositionedFeature[],
  bytes: Buffer,
  at: number,
  table: Float64Array,
  tableStart: number,
): number {
  let end = at;
  features.forEach((f, i) => {
    end += bytes.write(f.json, end);
    bytes[end] = 0x2c; // the comma after each feature
    end += 1;
    const k = tableStart + FEATURE_NUMBERS * i;
    table[k] = end;
    table[k + 1] = f.lng;
    table[k + 2] = f.lat;
  });
  return end;
}

export class TileStore {
  private readonly slabs: Buffer[] = [];
  /** A view of each slab as numbers, made once: the feature tables are written in the slabs too. */
  private readonly tables: Float64Array[] = [];
  /** The slab being written, and where in it the next tile goes. */
  private current = 0;
  private head = 0;
  /** The tiles held, oldest first from `first`: their layers, keys and slabs (-1 for empty tiles). */
  private heldLayers: Layer[] = [];
  private heldKeys: number[] = [];
  private heldSlabs: number[] = [];
  private first = 0;

  private readonly slabBytes: number;
  private readonly slabCount: number;
  private readonly maxTiles: number;
  constructor(
    slabBytes: number,
    slabCount: number,
    /** Empty tiles take no bytes in the slabs, but a place in the maps: this bounds how many tiles are held. */
    maxTiles: number,
  ) {
    this.slabBytes = slabBytes;
    this.slabCount = slabCount;
    this.maxTiles = maxTiles;
    if (slabCount > MAX_SLABS || slabBytes % NUMBER_BYTES !== 0) throw new RangeError('unsupported tile store shape');
  }

  get size(): number {
    return this.heldKeys.length - this.first;
  }

  /** Lets every tile go (the index changed, so no result set holding them will be asked for again). */
  clear(): void {
    this.heldLayers = [];
    this.heldKeys = [];
    this.heldSlabs = [];
    this.first = 0;
    this.current = 0;
    this.head = 0;
  }

  /**
   * The tile of `features`, held in `layer` under `key`. Its bytes go in the ring unless they would overwrite a slab in
   * `pinned` (bit `s` for slab `s`: the slabs a response being assembled still reads) or exceed a slab; the tile is
   * then made for this response only, in buffers of its own, and not held.
   */
  add(layer: Layer, key: number, features: readonly PositionedFeature[], pinned: number): Tile {
    if (features.length === 0) {
      this.hold(layer, key, EMPTY_TILE, -1);
      return EMPTY_TILE;
    }
    const tableLength = features.length * FEATURE_NUMBERS;
    let jsonBytes = 0;
    for (const f of features) jsonBytes += Buffer.byteLength(f.json) + 1;
    const slab = this.placeFor(tableLength * NUMBER_BYTES + jsonBytes, pinned);
    if (slab < 0) {
      const bytes = Buffer.allocUnsafe(jsonBytes);
      const table = new Float64Array(tableLength);
      return new Tile(bytes, 0, writeFeatures(features, bytes, 0, table, 0), table, 0, features.length, -1);
    }
    const tableStart = this.head / NUMBER_BYTES;
    const start = this.head + tableLength * NUMBER_BYTES;
    const end = writeFeatures(features, this.slabs[slab]!, start, this.tables[slab]!, tableStart);
    // The next tile's table starts on a whole number.
    this.head = Math.ceil(end / NUMBER_BYTES) * NUMBER_BYTES;
    const tile = new Tile(this.slabs[slab]!, start, end, this.tables[slab]!, tableStart, features.length, slab);
    this.hold(layer, key, tile, slab);
    return tile;
  }

  /** The slab to write `length` bytes in at `head`, moving on to the next slab (letting its tiles go) if need be; -1 if none may be written. */
  private placeFor(length: number, pinned: number): number {
    if (length > this.slabBytes) return -1;
    if (this.slabs.length > 0 && this.head + length <= this.slabBytes) return this.current;
    const next = this.slabs.length === 0 ? 0 : (this.current + 1) % this.slabCount;
    if (pinned & (1 << next)) return -1;
    if (next < this.slabs.length) this.letGoSlab(next);
    else {
      // A slab of its own, not a slice of Node's shared pool; made when first needed, so a quiet map takes little.
      const slab = Buffer.allocUnsafeSlow(this.slabBytes);
      this.slabs.push(slab);
      this.tables.push(new Float64Array(slab.buffer, slab.byteOffset, this.slabBytes / NUMBER_BYTES));
    }
    this.current = next;
    this.head = 0;
    return next;
  }

  private hold(layer: Layer, key: number, tile: Tile, slab: number): void {
    layer.tiles.set(key, tile);
    if (layer.tiles.size === 1) layer.parent.set(layer.name, layer);
    this.heldLayers.push(layer);
    this.heldKeys.push(key);
    this.heldSlabs.push(slab);
    while (this.size > this.maxTiles) this.letGoOldest();
  }

  /**
   * Lets go of the tiles in `slab`. Slabs are written in turn and tiles let go oldest first, so the tiles of the slab
   * written longest ago are the oldest held, among empty ones.
   */
  private letGoSlab(slab: number): void {
    while (this.size > 0 && (this.heldSlabs[this.first] === slab || this.heldSlabs[this.first] === -1)) {
      this.letGoOldest();
    }
  }

  private letGoOldest(): void {
    const layer = this.heldLayers[this.first]!;
    layer.tiles.delete(this.heldKeys[this.first]!);
    if (layer.tiles.size === 0) layer.parent.delete(layer.name);
    this.first += 1;
    // The arrays are cut down now and then rather than shifted at every tile.
    if (this.first > 4096 && this.first > this.heldKeys.length / 2) {
      this.heldLayers = this.heldLayers.slice(this.first);
      this.heldKeys = this.heldKeys.slice(this.first);
      this.heldSlabs = this.heldSlabs.slice(this.first);
      this.first = 0;
    }
  }
}
