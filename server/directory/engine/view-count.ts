// How many places of a result set lie in a map view, without testing every one: the map asks on every pan, and a
// scan of a large set cost more than clustering the view (the ablations in BENCHMARKS.md: a scan per view missed the
// panned views' target).
import type { BBox, ResultSet } from './directory-index.ts';

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
 * of a view's edges lies wholly inside it, and a cell of an edge row between the edge columns lies inside the view
 * but for its latitude. The places are stored twice, cells row by row and cells column by column, so that each edge
 * is one run of numbers tested against one bound; only the four corner cells are tested on every side, with exactly
 * the comparisons `ResultSet.inBox` makes.
 */
class CountGrid {
  private readonly side: number;
  private readonly minLng: number;
  private readonly minLat: number;
  private readonly lngScale: number;
  private readonly latScale: number;
  /** Where each cell's places start, cells row by row (cell y * side + x; one more slot for the end). */
  private readonly rowStarts: Int32Array;
  private readonly rowLngs: Float64Array;
  private readonly rowLats: Float64Array;
  /** The same for the places stored cells column by column (cell x * side + y). */
  private readonly columnStarts: Int32Array;
  private readonly columnLngs: Float64Array;
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

    const columns = Int32Array.from(placed, (e) => this.column(e.lng));
    const rows = Int32Array.from(placed, (e) => this.row(e.lat));
    const counts = new Int32Array(side * side);
    for (let i = 0; i < placed.length; i += 1) counts[rows[i]! * side + columns[i]!]! += 1;

    this.rowStarts = new Int32Array(side * side + 1);
    this.columnStarts = new Int32Array(side * side + 1);
    for (let y = 0; y < side; y += 1) {
      for (let x = 0; x < side; x += 1) {
        this.rowStarts[y * side + x + 1] = this.rowStarts[y * side + x]! + counts[y * side + x]!;
      }
    }
    for (let x = 0; x < side; x += 1) {
      for (let y = 0; y < side; y += 1) {
        this.columnStarts[x * side + y + 1] = this.columnStarts[x * side + y]! + counts[y * side + x]!;
      }
    }
    const nextInRows = this.rowStarts.slice(0, side * side);
    const nextInColumns = this.columnStarts.slice(0, side * side);
    this.rowLngs = new Float64Array(placed.length);
    this.rowLats = new Float64Array(placed.length);
    this.columnLngs = new Float64Array(placed.length);
    placed.forEach((e, i) => {
      const inRows = nextInRows[rows[i]! * side + columns[i]!]!++;
      this.rowLngs[inRows] = e.lng;
      this.rowLats[inRows] = e.lat;
      this.columnLngs[nextInColumns[columns[i]! * side + rows[i]!]!++] = e.lng;
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

  /** Places of the cells [x0, x1] of row y that lie in the box, tested on every side. */
  private scanRow(x0: number, x1: number, y: number, [minLng, minLat, maxLng, maxLat]: BBox): number {
    let count = 0;
    const end = this.rowStarts[y * this.side + x1 + 1]!;
    for (let i = this.rowStarts[y * this.side + x0]!; i < end; i += 1) {
      const lng = this.rowLngs[i]!;
      const lat = this.rowLats[i]!;
      if (lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat) count += 1;
    }
    return count;
  }

  /** Places of the cells [x0, x1] of row y at or above `minLat` (`atLeast`) or at or below `maxLat`. */
  private rowRun(x0: number, x1: number, y: number, bound: number, atLeast: boolean): number {
    const cells = y * this.side;
    return runCount(this.rowStarts, this.rowLats, cells + x0, cells + x1, bound, atLeast);
  }

  /** The same along column x, cells [y0, y1], against a longitude. */
  private columnRun(y0: number, y1: number, x: number, bound: number, atLeast: boolean): number {
    const cells = x * this.side;
    return runCount(this.columnStarts, this.columnLngs, cells + y0, cells + y1, bound, atLeast);
  }

  count(bbox: BBox): number {
    const [minLng, minLat, maxLng, maxLat] = bbox;
    const [x0, x1] = [this.column(minLng), this.column(maxLng)];
    const [y0, y1] = [this.row(minLat), this.row(maxLat)];
    // A view one cell wide or high has no inside cells: each of its rows is tested on every side.
    if (x0 === x1 || y0 === y1) {
      let count = 0;
      for (let y = y0; y <= y1; y += 1) count += this.scanRow(x0, x1, y, bbox);
      return count;
    }
    return (
      this.block(x0 + 1, y0 + 1, x1 - 1, y1 - 1) +
      this.scanRow(x0, x0, y0, bbox) +
      this.scanRow(x1, x1, y0, bbox) +
      this.scanRow(x0, x0, y1, bbox) +
      this.scanRow(x1, x1, y1, bbox) +
      this.rowRun(x0 + 1, x1 - 1, y0, minLat, true) +
      this.rowRun(x0 + 1, x1 - 1, y1, maxLat, false) +
      this.columnRun(y0 + 1, y1 - 1, x0, minLng, true) +
      this.columnRun(y0 + 1, y1 - 1, x1, maxLng, false)
    );
  }
}

/**
 * How many of the values stored for cells [first, last] (consecutive in `starts`) are at least `bound`, or at most
 * `bound` when not `atLeast`.
 */
function runCount(
  starts: Int32Array,
  values: Float64Array,
  first: number,
  last: number,
  bound: number,
  atLeast: boolean,
): number {
  if (first > last) return 0;
  let count = 0;
  const end = starts[last + 1]!;
  if (atLeast) {
    for (let i = starts[first]!; i < end; i += 1) if (values[i]! >= bound) count += 1;
  } else {
    for (let i = starts[first]!; i < end; i += 1) if (values[i]! <= bound) count += 1;
  }
  return count;
}

/** Counts places in map views from a grid per large result set, built on its first view; one per engine. */
export class ViewCounts {
  /** By result set, with the index version it was built at, should a result set ever outlive a change of the index. */
  private readonly grids = new WeakMap<ResultSet, { version: number; grid: CountGrid }>();

  /** `result.inBox(bbox).count`, answered from the grid of a large result set. */
  count(result: ResultSet, bbox: BBox | undefined, version: number): number {
    if (!bbox) return result.entries.length;
    if (result.entries.length < GRID_MIN_ENTRIES) return result.inBox(bbox, 0, 0).count;
    let built = this.grids.get(result);
    if (built?.version !== version) {
      built = { version, grid: new CountGrid(result.entries) };
      this.grids.set(result, built);
    }
    return built.grid.count(bbox);
  }
}
