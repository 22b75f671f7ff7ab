// How many places of a result set lie in a map view, without testing every one: the map asks on every pan, and a
// scan of the whole set (100,000 places) cost more than clustering the view.
import type { BBox, ResultSet } from './directory-index.js';

/** Below this a plain scan is as quick as building anything. */
const GRID_MIN_ENTRIES = 4096;
/** Places per cell on average: the cells along a view's edges are scanned, the others counted whole. */
const ENTRIES_PER_CELL = 1;
const MAX_CELLS_PER_SIDE = 1024;
/**
 * The grid spans the places between these quantiles on each axis; the few beyond fall in the outer rows and columns.
 * Spanning every place instead made the cells 2.5° wide for Europe's localities, as a handful lie overseas.
 */
const CORE_QUANTILE = 0.005;

/** The range of `values` from one core quantile to the other. */
function coreRange(values: number[]): [number, number] {
  if (values.length === 0) return [0, 0];
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return [at(CORE_QUANTILE), at(1 - CORE_QUANTILE)];
}

/**
 * The places bucketed into a grid over their core range, with running totals so that a block of cells is counted in
 * constant time. A cell's number is a monotonic function of the coordinate, so every cell strictly between the cells
 * of a view's edges lies wholly inside it; only the edge rows and columns are tested place by place, with exactly
 * the comparisons `ResultSet.inBox` makes.
 */
class CountGrid {
  private readonly side: number;
  private readonly minLng: number;
  private readonly minLat: number;
  private readonly lngScale: number;
  private readonly latScale: number;
  /** Where each cell's places start in `lngs`/`lats` (cells row by row, one more slot for the end). */
  private readonly starts: Int32Array;
  private readonly lngs: Float64Array;
  private readonly lats: Float64Array;
  /** Places in cells [0, x) × [0, y), at (y * (side + 1) + x). */
  private readonly totals: Int32Array;

  constructor(entries: readonly { lng: number; lat: number }[]) {
    const placed = entries.filter((e) => Number.isFinite(e.lng) && Number.isFinite(e.lat));
    this.side = Math.min(MAX_CELLS_PER_SIDE, Math.max(1, Math.ceil(Math.sqrt(placed.length / ENTRIES_PER_CELL))));
    const side = this.side;
    const [minLng, maxLng] = coreRange(placed.map((e) => e.lng));
    const [minLat, maxLat] = coreRange(placed.map((e) => e.lat));
    this.minLng = minLng;
    this.minLat = minLat;
    this.lngScale = side / Math.max(maxLng - minLng, 1e-9);
    this.latScale = side / Math.max(maxLat - minLat, 1e-9);

    const cellOf = new Int32Array(placed.length);
    const counts = new Int32Array(side * side);
    placed.forEach((e, i) => {
      const cell = this.row(e.lat) * side + this.column(e.lng);
      cellOf[i] = cell;
      counts[cell] = counts[cell]! + 1;
    });
    this.starts = new Int32Array(side * side + 1);
    for (let c = 0; c < side * side; c += 1) this.starts[c + 1] = this.starts[c]! + counts[c]!;
    const next = this.starts.slice(0, side * side);
    this.lngs = new Float64Array(placed.length);
    this.lats = new Float64Array(placed.length);
    placed.forEach((e, i) => {
      const at = next[cellOf[i]!]!++;
      this.lngs[at] = e.lng;
      this.lats[at] = e.lat;
    });
    this.totals = new Int32Array((side + 1) * (side + 1));
    for (let y = 0; y < side; y += 1) {
      for (let x = 0; x < side; x += 1) {
        this.totals[(y + 1) * (side + 1) + x + 1] =
          counts[y * side + x]! +
          this.totals[y * (side + 1) + x + 1]! +
          this.totals[(y + 1) * (side + 1) + x]! -
          this.totals[y * (side + 1) + x]!;
      }
    }
  }

  private column(lng: number): number {
    return Math.min(this.side - 1, Math.max(0, Math.floor((lng - this.minLng) * this.lngScale)));
  }

  private row(lat: number): number {
    return Math.min(this.side - 1, Math.max(0, Math.floor((lat - this.minLat) * this.latScale)));
  }

  /** Places in the cells [x0, x1] × [y0, y1], all of them. */
  private block(x0: number, y0: number, x1: number, y1: number): number {
    if (x0 > x1 || y0 > y1) return 0;
    const w = this.side + 1;
    return (
      this.totals[(y1 + 1) * w + x1 + 1]! -
      this.totals[y0 * w + x1 + 1]! -
      this.totals[(y1 + 1) * w + x0]! +
      this.totals[y0 * w + x0]!
    );
  }

  /** Places of one cell that lie in the box, tested one by one. */
  private scan(x: number, y: number, [minLng, minLat, maxLng, maxLat]: BBox): number {
    const cell = y * this.side + x;
    let count = 0;
    for (let i = this.starts[cell]!; i < this.starts[cell + 1]!; i += 1) {
      const lng = this.lngs[i]!;
      const lat = this.lats[i]!;
      if (lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat) count += 1;
    }
    return count;
  }

  count(bbox: BBox): number {
    const [x0, x1] = [this.column(bbox[0]), this.column(bbox[2])];
    const [y0, y1] = [this.row(bbox[1]), this.row(bbox[3])];
    let count = this.block(x0 + 1, y0 + 1, x1 - 1, y1 - 1);
    for (let x = x0; x <= x1; x += 1) {
      count += this.scan(x, y0, bbox);
      if (y1 !== y0) count += this.scan(x, y1, bbox);
    }
    for (let y = y0 + 1; y < y1; y += 1) {
      count += this.scan(x0, y, bbox);
      if (x1 !== x0) count += this.scan(x1, y, bbox);
    }
    return count;
  }
}

/** By result set, with the index version it was built at, should a result set ever outlive a change of the index. */
const grids = new WeakMap<ResultSet, { version: number; grid: CountGrid }>();

/** `result.inBox(bbox).count`, answered from a grid built on the first view of a large result set. */
export function countInView(result: ResultSet, bbox: BBox | undefined, version: number): number {
  if (!bbox) return result.entries.length;
  if (result.entries.length < GRID_MIN_ENTRIES) return result.inBox(bbox, 0, 0).count;
  let built = grids.get(result);
  if (built?.version !== version) {
    built = { version, grid: new CountGrid(result.entries) };
    grids.set(result, built);
  }
  return built.grid.count(bbox);
}
