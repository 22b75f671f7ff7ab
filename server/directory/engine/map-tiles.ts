// The map's features by tile: each 1024-pixel tile of a zoom keeps the JSON of the clusters and places whose position
// lies in it, built once per result set, zoom and language; a view copies the bytes of the tiles it covers and trims
// those along its edges. Panning asks for views that overlap earlier ones but are never the same URL, and clustering
// and serialising each fresh view afresh cost more than copying tiles (BENCHMARKS.md has the map API's figures).
import type { FoundItem } from './cluster-index.ts';
import type { BBox, ResultSet } from './directory-index.ts';
import type { ByteRanges } from './byte-ranges.ts';
import { Layer, TileStore, type PositionedFeature, type Tile } from './tile-store.ts';
import { latY, lngX, xLng, yLat } from './web-mercator.ts';

/**
 * Tiles are those of two zooms below the view's: 1024 pixels a side, so that a screen covers 2 to 6 of them. Smaller
 * tiles meant more of them to build and keep for each new place a crowd looks at (dozens of mostly empty tiles per
 * view at street level), larger ones more features to test along a view's edges.
 */
const TILE_ZOOM_BELOW_VIEW = 2;
/**
 * Views closer than this are built afresh: at street level a view holds a handful of features, quick to serialise,
 * while the tiles a crowd pans over number in the hundreds of thousands (mostly empty), so that a bounded store only
 * churned.
 */
const DIRECT_FROM_ZOOM = 14;
/**
 * Views covering more tiles (a client asking for the world at street level) use tiles of a lower zoom still, four
 * times the area each, until they cover at most this many.
 */
const MAX_TILES_PER_VIEW = 24;
/**
 * Held across every result set of an engine, in 16 slabs of 2 MB, oldest tiles let go first: less than the whole
 * directory serialised in one language, so this holds the busy parts of the map at a few zooms and languages. A tile
 * larger than a slab (rare at the zooms drawn from tiles) is made for each view that covers it.
 */
const SLAB_BYTES = 2 * 2 ** 20;
const SLABS = 16;
/** Each tile held costs about a hundred bytes of the heap, an empty one too. */
const MAX_TILES = 100_000;
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

/** Where the features of views and tiles come from: their positions first, then the JSON of those kept. */
export interface FeatureSource {
  /** The clusters and places whose position lies in `box`. */
  find(box: BBox): readonly FoundItem[];
  /** One of them as JSON. */
  json(found: FoundItem): string;
}

/** The features whose position lies in tile (x, y) of `n` per side. */
function tileFeatures(x: number, y: number, n: number, source: FeatureSource): PositionedFeature[] {
  const features: PositionedFeature[] = [];
  for (const found of source.find(fetchBox(x, y, n))) {
    if (column(found.lng, n) === x && row(found.lat, n) === y) {
      features.push({ json: source.json(found), lng: found.lng, lat: found.lat });
    }
  }
  return features;
}

/**
 * The map tiles of one engine: their store, and the layers of tiles by result set. Result sets belong to one index,
 * and an engine's tiles are let go when its index changes, never when another engine's does.
 */
export class MapTiles {
  private readonly store = new TileStore(SLAB_BYTES, SLABS, MAX_TILES);
  /** By result set, then by language, zoom and tile zoom. */
  private layersBySet = new WeakMap<ResultSet, Map<string, Layer>>();
  /** The index version the tiles describe: a change of the index makes new result sets, so older tiles are let go. */
  private heldVersion: number | undefined;

  /**
   * The features of `result` at `zoom` whose position lies in `view`, added to `into`: each feature's JSON followed by
   * a comma, tile by tile (rows north to south, columns west to east), in the order `source` found them within a
   * tile. `source` finds the features of a box and writes their JSON in `lang`; it is asked once per tile built, or
   * once for the view when the index does not keep `result` or the view is at street level.
   */
  featuresInView(
    result: ResultSet,
    version: number,
    lang: string,
    zoom: number,
    view: BBox,
    source: FeatureSource,
    into: ByteRanges,
  ): void {
    if (version !== this.heldVersion) {
      this.store.clear();
      this.layersBySet = new WeakMap();
      this.heldVersion = version;
    }
    const [minLng, minLat, maxLng, maxLat] = view;
    // A set made for one search, or a street-level view: the view alone, as one piece, and nothing kept.
    if (!result.kept || zoom >= DIRECT_FROM_ZOOM) {
      let json = '';
      for (const found of source.find(withMargin(view))) {
        const { lng, lat } = found;
        if (lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat) json += `${source.json(found)},`;
      }
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
    let layers = this.layersBySet.get(result);
    if (!layers) {
      layers = new Map();
      this.layersBySet.set(result, layers);
    }
    const layerKey = `${lang}|${zoom}|${tileZoom}`;
    // A new layer joins `layers` with its first tile held.
    const layer = layers.get(layerKey) ?? new Layer(layers, layerKey);
    /** The slabs this view's pieces lie in: building another tile must not write over them before they are copied. */
    let pinned = 0;

    const [x0, x1, y0, y1] = [column(minLng, n), column(maxLng, n), row(maxLat, n), row(minLat, n)];
    for (let y = y0; y <= y1; y += 1) {
      for (let x = x0; x <= x1; x += 1) {
        const key = x * n + y;
        const tile: Tile = layer.tiles.get(key) ?? this.store.add(layer, key, tileFeatures(x, y, n, source), pinned);
        if (tile.count === 0) continue;
        if (tile.slab >= 0) pinned |= 1 << tile.slab;
        // A tile strictly between the edge rows and columns lies wholly in the view: rows and columns are monotonic.
        // Along the edges, runs of features in the view are copied as one piece each.
        if (x > x0 && x < x1 && y > y0 && y < y1) tile.pushAll(into);
        else tile.pushWithin(minLng, minLat, maxLng, maxLat, into);
      }
    }
  }
}
