// The map's features by tile: each 1024-pixel tile of a zoom keeps the JSON of the clusters and places whose position
// lies in it, built once per result set, zoom and language; a view copies the bytes of the tiles it covers and trims
// those along its edges. Panning asks for views that overlap earlier ones but are never the same URL, and clustering
// and serialising a fresh view afresh cost a third of a millisecond at zoom 8 (300 features, 59 KB).
import type { BBox, ResultSet } from './directory-index.js';
import type { ByteRanges } from '../shared/http/byte-ranges.js';
import { latY, lngX, xLng, yLat } from './web-mercator.js';

/** One feature of the map, serialised, at the position it is drawn. */
export interface PositionedFeature {
  json: string;
  lng: number;
  lat: number;
}

/** A tile's features: each feature's JSON followed by a comma, so that whole tiles are copied as they are. */
interface Tile {
  readonly bytes: Buffer;
  /**
   * Per feature, three numbers: where its bytes end (its comma included), its longitude and its latitude. One array
   * rather than three: tiles are many and small at street level, and each array is an object of its own.
   */
  readonly features: Float64Array;
}

/**
 * Tiles are those of two zooms below the view's: 1024 pixels a side, so that a screen covers 2 to 6 of them. Smaller
 * tiles meant more of them to build and keep for each new place a crowd looks at (at zoom 15, 35 mostly empty tiles
 * per view), larger ones more features to test along a view's edges.
 */
const TILE_ZOOM_BELOW_VIEW = 2;
/**
 * Views closer than this are built afresh: at street level a view holds a handful of features, quick to serialise,
 * while the tiles a crowd pans over number in the hundreds of thousands (at zoom 15 around 20,000 localities, 90 MB
 * of tiles, mostly empty), so that a bounded store only churned.
 */
const DIRECT_FROM_ZOOM = 14;
/**
 * Views covering more tiles (a client asking for the world at street level) use tiles of a lower zoom still, four
 * times the area each, until they cover at most this many.
 */
const MAX_TILES_PER_VIEW = 24;
/**
 * Held across every result set, oldest tiles dropped first. 100,000 places serialised in one language take about
 * 25 MB, so this holds the busy parts of the map at a few zooms and languages.
 */
const BUDGET_BYTES = 32 * 2 ** 20;
/** What a tile costs beside its bytes and arrays, roughly. */
const TILE_OVERHEAD_BYTES = 300;
/** An empty tile is only its place in the maps. */
const EMPTY_TILE_BYTES = 80;
/**
 * The cluster index keeps positions as 32-bit floats (about 2·10⁻⁵° apart): a tile is fetched with this margin, and its
 * features are then kept by their own position, so none is lost or counted twice at a tile's edge.
 */
const FETCH_MARGIN_DEGREES = 1e-3;

/** The tile column of `lng` and row of `lat` among `n` per side; both grow monotonically, north to south for rows. */
const column = (lng: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(lngX(lng) * n)));
const row = (lat: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(latY(lat) * n)));

/** `box` widened by the fetch margin, within the world. */
function withMargin([minLng, minLat, maxLng, maxLat]: BBox): BBox {
  const m = FETCH_MARGIN_DEGREES;
  return [Math.max(-180, minLng - m), Math.max(-90, minLat - m), Math.min(180, maxLng + m), Math.min(90, maxLat + m)];
}

/**
 * Every position belongs to one tile; these bounds hold all of a tile's positions. The outer tiles reach the world's
 * edges, as positions beyond the projection's ±85° fall in them.
 */
function fetchBox(x: number, y: number, n: number): BBox {
  return withMargin([
    x === 0 ? -180 : xLng(x / n),
    y === n - 1 ? -90 : yLat((y + 1) / n),
    x === n - 1 ? 180 : xLng((x + 1) / n),
    y === 0 ? 90 : yLat(y / n),
  ]);
}

/** Shared by every tile without features: at street level most are. */
const EMPTY_TILE: Tile = { bytes: Buffer.alloc(0), features: new Float64Array(0) };

function buildTile(x: number, y: number, n: number, fetch: (box: BBox) => PositionedFeature[]): Tile {
  const features = fetch(fetchBox(x, y, n)).filter((f) => column(f.lng, n) === x && row(f.lat, n) === y);
  if (features.length === 0) return EMPTY_TILE;
  const text = features.map((f) => `${f.json},`).join('');
  // A buffer of its own, not a slice of Node's shared 8 KB pool, which a long-lived small tile would keep whole.
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  const numbers = new Float64Array(features.length * 3);
  let end = 0;
  features.forEach((f, i) => {
    end += Buffer.byteLength(f.json) + 1;
    numbers[3 * i] = end;
    numbers[3 * i + 1] = f.lng;
    numbers[3 * i + 2] = f.lat;
  });
  return { bytes, features: numbers };
}

const tileBytes = (tile: Tile) =>
  tile === EMPTY_TILE ? EMPTY_TILE_BYTES : TILE_OVERHEAD_BYTES + tile.bytes.length + tile.features.length * 8;

type Layer = Map<number, Tile>;
/** By result set, then by language, zoom and tile zoom; tiles by x · 2^tileZoom + y. */
let layersBySet = new WeakMap<ResultSet, Map<string, Layer>>();
/** Tiles in the order they were built, so the oldest go first; `first` is the oldest still held. */
let built: { layers: Map<string, Layer>; layerKey: string; layer: Layer; key: number; bytes: number }[] = [];
let first = 0;
let heldBytes = 0;
/** The index version the tiles describe: a change of the index makes new result sets, so older tiles are let go. */
let heldVersion: number | undefined;

function forget(): void {
  layersBySet = new WeakMap();
  built = [];
  first = 0;
  heldBytes = 0;
}

function hold(layers: Map<string, Layer>, layerKey: string, layer: Layer, key: number, tile: Tile): void {
  const bytes = tileBytes(tile);
  if (bytes > BUDGET_BYTES) return;
  layer.set(key, tile);
  built.push({ layers, layerKey, layer, key, bytes });
  heldBytes += bytes;
  while (heldBytes > BUDGET_BYTES) {
    const oldest = built[first]!;
    first += 1;
    oldest.layer.delete(oldest.key);
    if (oldest.layer.size === 0) oldest.layers.delete(oldest.layerKey);
    heldBytes -= oldest.bytes;
  }
  if (first > 1024 && first > built.length / 2) {
    built = built.slice(first);
    first = 0;
  }
}

/**
 * The features of `result` at `zoom` whose position lies in `view`, added to `into`: each feature's JSON followed by
 * a comma, tile by tile (rows north to south, columns west to east), in the order `fetch` gave them within a
 * tile. `fetch` gives the features of a box, with their JSON in `lang`; it is called once per tile built, or once
 * for the view when the index does not keep `result` or the view is at street level.
 */
export function featuresInView(
  result: ResultSet,
  version: number,
  lang: string,
  zoom: number,
  view: BBox,
  fetch: (box: BBox) => PositionedFeature[],
  into: ByteRanges,
): void {
  if (version !== heldVersion) {
    forget();
    heldVersion = version;
  }
  const [minLng, minLat, maxLng, maxLat] = view;
  // A set made for one search, or a street-level view: the view alone, as one piece, and nothing kept.
  if (!result.kept || zoom >= DIRECT_FROM_ZOOM) {
    const json = fetch(withMargin(view))
      .filter(({ lng, lat }) => lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat)
      .map((f) => `${f.json},`)
      .join('');
    if (json) into.push(Buffer.from(json));
    return;
  }
  let tileZoom = Math.max(0, zoom - TILE_ZOOM_BELOW_VIEW);
  let n = 2 ** tileZoom;
  while (
    tileZoom > 0 &&
    (column(maxLng, n) - column(minLng, n) + 1) * (row(minLat, n) - row(maxLat, n) + 1) > MAX_TILES_PER_VIEW
  ) {
    tileZoom -= 1;
    n = 2 ** tileZoom;
  }
  let layers = layersBySet.get(result);
  if (!layers) {
    layers = new Map();
    layersBySet.set(result, layers);
  }
  const layerKey = `${lang}|${zoom}|${tileZoom}`;
  let layer = layers.get(layerKey);
  if (!layer) {
    layer = new Map();
    layers.set(layerKey, layer);
  }

  const [x0, x1, y0, y1] = [column(minLng, n), column(maxLng, n), row(maxLat, n), row(minLat, n)];
  for (let y = y0; y <= y1; y += 1) {
    for (let x = x0; x <= x1; x += 1) {
      const key = x * n + y;
      let tile = layer.get(key);
      if (!tile) {
        tile = buildTile(x, y, n, fetch);
        hold(layers, layerKey, layer, key, tile);
      }
      const numbers = tile.features;
      if (numbers.length === 0) continue;
      // A tile strictly between the edge rows and columns lies wholly in the view: rows and columns are monotonic.
      if (x > x0 && x < x1 && y > y0 && y < y1) {
        into.push(tile.bytes);
        continue;
      }
      // Along the edges, runs of features in the view are copied as one piece each.
      let runStart = -1;
      let previousEnd = 0;
      for (let k = 0; k < numbers.length; k += 3) {
        const lng = numbers[k + 1]!;
        const lat = numbers[k + 2]!;
        const inside = lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;
        if (inside && runStart < 0) runStart = previousEnd;
        if (!inside && runStart >= 0) {
          into.push(tile.bytes, runStart, previousEnd);
          runStart = -1;
        }
        previousEnd = numbers[k]!;
      }
      if (runStart >= 0) into.push(tile.bytes, runStart, previousEnd);
    }
  }
}
