// Server-side clustering of a result set for the map, in typed arrays. The algorithm is supercluster's (greedy: at
// each zoom, from the deepest up, a point or cluster absorbs the unvisited ones within the cluster radius into one
// cluster at their weighted centre), and so are its answers, but where a neighbour lies on the radius's edge: a
// cluster's centre is kept here as a 32-bit float, there as a 64-bit one, so the two may decide such a neighbour
// differently (test/unit/cluster-index-supercluster.test.ts holds ours to that). Its storage is not supercluster's,
// which kept every zoom as a plain array of six numbers per item plus a k-d tree beside it: a level here is five
// typed columns laid out as its own k-d tree (`kd-layout.ts`), a fraction of the memory (BENCHMARKS.md).
import { kdOrder, kdRange, kdWithin } from './kd-layout.ts';
import { latY, lngX, xLng, yLat } from './web-mercator.ts';

/** A cluster or a place that a view shows. */
export interface FoundItem {
  lng: number;
  lat: number;
  /** How many places it holds: 1 for a place. */
  count: number;
  /** For a place, its index in the positions the index was built from; for a cluster, its handle. */
  ref: number;
}

export interface ClusterOptions {
  /** Cluster radius in pixels of a 512-pixel tile, as supercluster measures it (half that on Leaflet's tiles). */
  radiusPx: number;
  /** The deepest zoom at which places are clustered; deeper views show every place. */
  maxZoom: number;
}

/** One zoom's items, in k-d order. */
interface Level {
  xs: Float32Array;
  ys: Float32Array;
  counts: Uint32Array;
  refs: Uint32Array;
  /** The handle of the cluster that absorbed the item one zoom up, or NO_PARENT. */
  parents: Uint32Array;
}

const NO_PARENT = 0xffffffff;
/** A cluster's handle: the index of its first item in the level it was formed from, times LEVELS, plus that level. */
const LEVELS = 32;

export class ClusterIndex {
  /** By zoom, 0 to maxZoom + 1; the deepest holds every place. */
  private readonly levels: Level[];
  private readonly maxZoom: number;
  private readonly radiusPx: number;
  /** Scratch for searches: the answer to one search is read before the next begins. */
  private readonly found: number[] = [];

  /** `positions` holds lng, lat pairs; a place's ref is its pair's index. */
  private readonly positions: Float64Array;
  constructor(positions: Float64Array, { radiusPx, maxZoom }: ClusterOptions) {
    this.positions = positions;
    this.maxZoom = maxZoom;
    this.radiusPx = radiusPx;
    this.levels = new Array<Level>(maxZoom + 2);
    let built = this.placesLevel();
    this.levels[maxZoom + 1] = built.level;
    for (let zoom = maxZoom; zoom >= 0; zoom -= 1) {
      built = this.clusterLevel(built, zoom);
      this.levels[zoom] = built.level;
    }
  }

  /** The cluster radius at `zoom`, on the unit square. */
  private radius(zoom: number): number {
    return this.radiusPx / (512 * 2 ** zoom);
  }

  private placesLevel(): Built {
    const n = this.positions.length / 2;
    const xs = new Float32Array(n);
    const ys = new Float32Array(n);
    const refs = new Uint32Array(n);
    for (let i = 0; i < n; i += 1) {
      xs[i] = lngX(this.positions[2 * i]!);
      ys[i] = latY(this.positions[2 * i + 1]!);
      refs[i] = i;
    }
    return laidOut(xs, ys, new Uint32Array(n).fill(1), refs, n);
  }

  /**
   * The items of `zoom`, made from those one zoom deeper (whose parents are set on the way). They are visited in the
   * order they were made, not in k-d order: the greedy merge depends on the order, and this one is supercluster's.
   */
  private clusterLevel({ level: from, madeOrder }: Built, zoom: number): Built {
    const r = this.radius(zoom);
    const n = from.xs.length;
    const visited = new Uint8Array(n);
    const xs = new Float32Array(n);
    const ys = new Float32Array(n);
    const counts = new Uint32Array(n);
    const refs = new Uint32Array(n);
    let size = 0;
    const keep = (x: number, y: number, count: number, ref: number): void => {
      xs[size] = x;
      ys[size] = y;
      counts[size] = count;
      refs[size] = ref;
      size += 1;
    };
    const neighbours = this.found;
    for (const i of madeOrder) {
      if (visited[i]) continue;
      visited[i] = 1;
      neighbours.length = 0;
      kdWithin(from.xs, from.ys, from.xs[i]!, from.ys[i]!, r, neighbours);
      const own = from.counts[i]!;
      let count = own;
      for (const k of neighbours) if (!visited[k]) count += from.counts[k]!;
      if (count === own) {
        keep(from.xs[i]!, from.ys[i]!, own, from.refs[i]!);
        continue;
      }
      const handle = i * LEVELS + zoom + 1;
      let wx = from.xs[i]! * own;
      let wy = from.ys[i]! * own;
      for (const k of neighbours) {
        if (visited[k]) continue;
        visited[k] = 1;
        const c = from.counts[k]!;
        wx += from.xs[k]! * c;
        wy += from.ys[k]! * c;
        from.parents[k] = handle;
      }
      from.parents[i] = handle;
      keep(wx / count, wy / count, count, handle);
    }
    return laidOut(xs, ys, counts, refs, size);
  }

  /**
   * The clusters and places of `zoom` whose position lies in `bbox` (degrees, west to east without crossing the
   * antimeridian). Places come at their own position, clusters at their weighted centre.
   */
  inBox([minLng, minLat, maxLng, maxLat]: readonly number[], zoom: number): FoundItem[] {
    const level = this.levels[Math.max(0, Math.min(Math.floor(zoom), this.maxZoom + 1))]!;
    const ids = this.found;
    ids.length = 0;
    kdRange(level.xs, level.ys, lngX(minLng!), latY(maxLat!), lngX(maxLng!), latY(minLat!), ids);
    return ids.map((k) => {
      const count = level.counts[k]!;
      const ref = level.refs[k]!;
      return count === 1
        ? { lng: this.positions[2 * ref]!, lat: this.positions[2 * ref + 1]!, count, ref }
        : { lng: xLng(level.xs[k]!), lat: yLat(level.ys[k]!), count, ref };
    });
  }

  /**
   * The zoom at which a cluster splits: the level it was formed from, one zoom deeper than the one it first appears
   * at, where it is at least two items. Past maxZoom, it never splits.
   */
  expansionZoom(handle: number): number {
    return handle % LEVELS;
  }

  /** Up to `limit` of the places in a cluster, as refs in ascending order (list order, for a result set). */
  leaves(handle: number, limit: number): number[] {
    const refs: number[] = [];
    const pending = [handle];
    while (pending.length > 0 && refs.length < limit) {
      const cluster = pending.pop()!;
      const from = cluster % LEVELS;
      const origin = (cluster - from) / LEVELS;
      const level = this.levels[from]!;
      const near: number[] = [];
      // Its items are those the first one found within the radius of the zoom the cluster was formed at.
      kdWithin(level.xs, level.ys, level.xs[origin]!, level.ys[origin]!, this.radius(from - 1), near);
      for (const k of near) {
        if (level.parents[k] !== cluster) continue;
        if (level.counts[k]! > 1) pending.push(level.refs[k]!);
        else if (refs.length < limit) refs.push(level.refs[k]!);
      }
    }
    return refs.sort((a, b) => a - b);
  }

  /** What the index holds in memory, in bytes. */
  get bytes(): number {
    return this.levels.reduce(
      (sum, { xs, ys, counts, refs, parents }) =>
        sum + xs.byteLength + ys.byteLength + counts.byteLength + refs.byteLength + parents.byteLength,
      0,
    );
  }
}

/** A level just laid out, and where its items went: `madeOrder[i]` is the k-d position of the i-th item made. */
interface Built {
  level: Level;
  madeOrder: Uint32Array;
}

/** The first `size` items in k-d order, in columns of their own length; parents are set by the zoom above. */
function laidOut(xs: Float32Array, ys: Float32Array, counts: Uint32Array, refs: Uint32Array, size: number): Built {
  const order = kdOrder(xs.subarray(0, size), ys.subarray(0, size));
  const madeOrder = new Uint32Array(size);
  const level: Level = {
    xs: new Float32Array(size),
    ys: new Float32Array(size),
    counts: new Uint32Array(size),
    refs: new Uint32Array(size),
    parents: new Uint32Array(size).fill(NO_PARENT),
  };
  order.forEach((from, to) => {
    madeOrder[from] = to;
    level.xs[to] = xs[from]!;
    level.ys[to] = ys[from]!;
    level.counts[to] = counts[from]!;
    level.refs[to] = refs[from]!;
  });
  return { level, madeOrder };
}
