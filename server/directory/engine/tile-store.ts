// Where the map's tiles keep their bytes: each tile its own buffer and table, held up to a budget of bytes and of
// tiles, the oldest let go first.
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
  readonly table: Float64Array;
  readonly count: number;
  constructor(
    bytes: Buffer,
    /** Per feature, three numbers: where its bytes end in `bytes` (its comma included), lng, lat. */
    table: Float64Array,
    count: number,
  ) {
    this.bytes = bytes;
    this.table = table;
    this.count = count;
  }

  /** Adds every feature's bytes to `into`. */
  pushAll(into: ByteRanges): void {
    into.push(this.bytes);
  }

  /** Adds the bytes of the features positioned in the box to `into`, each run of them as one piece. */
  pushWithin(minLng: number, minLat: number, maxLng: number, maxLat: number, into: ByteRanges): void {
    const { table, bytes } = this;
    let runStart = -1;
    let previousEnd = 0;
    for (let k = 0; k < FEATURE_NUMBERS * this.count; k += FEATURE_NUMBERS) {
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
export const EMPTY_TILE = new Tile(Buffer.alloc(0), new Float64Array(0), 0);

function makeTile(features: readonly PositionedFeature[]): Tile {
  if (features.length === 0) return EMPTY_TILE;
  const table = new Float64Array(FEATURE_NUMBERS * features.length);
  let end = 0;
  features.forEach((f, i) => {
    end += Buffer.byteLength(f.json) + 1;
    table[FEATURE_NUMBERS * i] = end;
    table[FEATURE_NUMBERS * i + 1] = f.lng;
    table[FEATURE_NUMBERS * i + 2] = f.lat;
  });
  return new Tile(Buffer.from(features.map((f) => `${f.json},`).join('')), table, features.length);
}

const bytesOf = (tile: Tile) => tile.bytes.length + tile.table.byteLength;

export class TileStore {
  /** The tiles held, oldest first from `first`: their layers and keys. */
  private heldLayers: Layer[] = [];
  private heldKeys: number[] = [];
  private heldTiles: Tile[] = [];
  private first = 0;
  private bytes = 0;

  private readonly maxBytes: number;
  private readonly maxTiles: number;
  constructor(
    maxBytes: number,
    /** Empty tiles take no bytes, but a place in the maps: this bounds how many tiles are held. */
    maxTiles: number,
  ) {
    this.maxBytes = maxBytes;
    this.maxTiles = maxTiles;
  }

  get size(): number {
    return this.heldKeys.length - this.first;
  }

  /** Lets every tile go (the index changed, so no result set holding them will be asked for again). */
  clear(): void {
    this.heldLayers = [];
    this.heldKeys = [];
    this.heldTiles = [];
    this.first = 0;
    this.bytes = 0;
  }

  /** The tile of `features`, held in `layer` under `key`; one larger than the whole budget is made but not held. */
  add(layer: Layer, key: number, features: readonly PositionedFeature[]): Tile {
    const tile = makeTile(features);
    if (bytesOf(tile) > this.maxBytes) return tile;
    layer.tiles.set(key, tile);
    if (layer.tiles.size === 1) layer.parent.set(layer.name, layer);
    this.heldLayers.push(layer);
    this.heldKeys.push(key);
    this.heldTiles.push(tile);
    this.bytes += bytesOf(tile);
    while (this.size > this.maxTiles || this.bytes > this.maxBytes) this.letGoOldest();
    return tile;
  }

  private letGoOldest(): void {
    const layer = this.heldLayers[this.first]!;
    layer.tiles.delete(this.heldKeys[this.first]!);
    if (layer.tiles.size === 0) layer.parent.delete(layer.name);
    this.bytes -= bytesOf(this.heldTiles[this.first]!);
    this.first += 1;
    // The arrays are cut down now and then rather than shifted at every tile.
    if (this.first > 4096 && this.first > this.heldKeys.length / 2) {
      this.heldLayers = this.heldLayers.slice(this.first);
      this.heldKeys = this.heldKeys.slice(this.first);
      this.heldTiles = this.heldTiles.slice(this.first);
      this.first = 0;
    }
  }
}
