// The map's clusters: every place in exactly one item at every zoom, clusters where places are close for the zoom,
// and the search structure under them answering exactly what a plain scan would.
import { expect } from 'chai';
import { ClusterIndex, type FoundItem } from '../../server/directory/engine/cluster-index.ts';
import { kdOrder, kdRange, kdWithin } from '../../server/directory/engine/kd-layout.ts';

const WORLD = [-180, -90, 180, 90];
const OPTIONS = { radiusPx: 60, maxZoom: 16 };

/** A repeatable pseudo-random sequence in [0, 1), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function positionsOf(points: readonly [lng: number, lat: number][]): Float64Array {
  return Float64Array.from(points.flat());
}

/** Places spread over western Europe, a tenth of them on the position of another (listings in one building). */
function europe(count: number, seed: number): Float64Array {
  const next = random(seed);
  const points: [number, number][] = [];
  for (let i = 0; i < count; i += 1) {
    if (i > 0 && next() < 0.1) points.push([...points[Math.floor(next() * i)]!]);
    else points.push([-5 + next() * 20, 40 + next() * 12]);
  }
  return positionsOf(points);
}

/** The places a view item stands for, as refs. */
function placesOf(index: ClusterIndex, item: FoundItem): number[] {
  return item.count === 1 ? [item.ref] : index.leaves(item.ref, Infinity);
}

describe('cluster index', () => {
  it('when a map is viewed at any zoom, then every place is in exactly one cluster or shows on its own', () => {
    const positions = europe(3000, 7);
    const index = new ClusterIndex(positions, OPTIONS);
    for (let zoom = 0; zoom <= 18; zoom += 1) {
      const items = index.inBox(WORLD, zoom);
      const places = items.flatMap((item) => placesOf(index, item)).sort((a, b) => a - b);
      expect(places, `zoom ${zoom}`).to.deep.equal([...Array(3000).keys()]);
      for (const item of items) expect(placesOf(index, item), `zoom ${zoom}`).to.have.length(item.count);
    }
  });

  it('when two places lie 1 km apart, then they are one cluster when zoomed out and two places from its expansion zoom', () => {
    const index = new ClusterIndex(
      positionsOf([
        [4.35, 50.85],
        [4.364, 50.85],
      ]),
      OPTIONS,
    );
    const [cluster] = index.inBox(WORLD, 5);
    expect(cluster).to.include({ count: 2 });
    expect(cluster!.lng).to.be.closeTo(4.357, 1e-4);
    expect(cluster!.lat).to.be.closeTo(50.85, 1e-4);
    const expansion = index.expansionZoom(cluster!.ref);
    expect(expansion).to.be.within(6, 16);
    expect(index.inBox(WORLD, expansion - 1).map((f) => f.count)).to.deep.equal([2]);
    const apart = index.inBox(WORLD, expansion);
    expect(apart.map((f) => f.count)).to.deep.equal([1, 1]);
    // Places come back at their own position, not at a rounded one.
    expect(apart.map((f) => f.lng).sort()).to.deep.equal([4.35, 4.364]);
  });

  it('when places share one position, then no zoom of the clustering separates them, and the deepest shows each', () => {
    const index = new ClusterIndex(
      positionsOf([
        [5.57, 50.63],
        [5.57, 50.63],
        [5.57, 50.63],
      ]),
      OPTIONS,
    );
    const [cluster] = index.inBox(WORLD, 16);
    expect(cluster).to.include({ count: 3 });
    expect(index.expansionZoom(cluster!.ref)).to.equal(17);
    expect(index.inBox(WORLD, 17)).to.have.length(3);
  });

  it('when a cluster is drawn, then it stands at the centre of its places, each counted once', () => {
    const index = new ClusterIndex(
      positionsOf([
        [2.0, 48.0],
        [2.0, 48.0],
        [2.3, 48.0],
        [2.6, 48.0],
      ]),
      OPTIONS,
    );
    const [cluster] = index.inBox(WORLD, 3);
    expect(cluster).to.include({ count: 4 });
    expect(cluster!.lng).to.be.closeTo((2.0 + 2.0 + 2.3 + 2.6) / 4, 1e-4);
  });

  it('when a cluster lists some of its places, then it gives as many as asked, in list order', () => {
    const positions = positionsOf(Array.from({ length: 80 }, (): [number, number] => [6.1, 49.6]));
    const index = new ClusterIndex(positions, OPTIONS);
    const [cluster] = index.inBox(WORLD, 10);
    const leaves = index.leaves(cluster!.ref, 50);
    expect(leaves).to.have.length(50);
    expect(leaves).to.deep.equal([...leaves].sort((a, b) => a - b));
    expect(new Set(leaves).size).to.equal(50);
  });

  it('when a view covers part of the map, then it shows exactly the items of the whole map that lie in it', () => {
    const index = new ClusterIndex(europe(2000, 11), OPTIONS);
    const box = [2, 45, 8, 49];
    for (const zoom of [4, 7, 10, 17]) {
      const key = (f: FoundItem) => `${f.count} ${f.ref}`;
      const inside = index
        .inBox(WORLD, zoom)
        .filter((f) => f.lng >= box[0]! && f.lng <= box[2]! && f.lat >= box[1]! && f.lat <= box[3]!)
        .map(key);
      // With these fixed positions no centre lies within a 32-bit float's rounding of the view's edge.
      expect(index.inBox(box, zoom).map(key).sort(), `zoom ${zoom}`).to.deep.equal(inside.sort());
      expect(inside.length, `zoom ${zoom}`).to.be.above(0);
    }
  });
});

describe('k-d layout', () => {
  it('when points are searched by box or by radius, then exactly the points a scan finds are returned', () => {
    const next = random(3);
    const n = 5000;
    const xs = new Float32Array(n);
    const ys = new Float32Array(n);
    for (let i = 0; i < n; i += 1) {
      // Coarse values: many points share a coordinate, as places sharing a locality do.
      xs[i] = Math.round(next() * 200) / 200;
      ys[i] = Math.round(next() * 200) / 200;
    }
    const order = kdOrder(xs, ys);
    expect([...order].sort((a, b) => a - b)).to.deep.equal([...Array(n).keys()]);
    const lx = Float32Array.from(order, (i) => xs[i]!);
    const ly = Float32Array.from(order, (i) => ys[i]!);
    for (let q = 0; q < 50; q += 1) {
      const [x0, x1] = [next(), next()].sort();
      const [y0, y1] = [next(), next()].sort();
      const inBox: number[] = [];
      kdRange(lx, ly, x0!, y0!, x1!, y1!, inBox);
      const scanned = [...Array(n).keys()].filter(
        (i) => lx[i]! >= x0! && lx[i]! <= x1! && ly[i]! >= y0! && ly[i]! <= y1!,
      );
      expect(inBox.sort((a, b) => a - b)).to.deep.equal(scanned);

      const [x, y, r] = [next(), next(), next() * 0.1];
      const near: number[] = [];
      kdWithin(lx, ly, x, y, r, near);
      const close = [...Array(n).keys()].filter((i) => (lx[i]! - x) ** 2 + (ly[i]! - y) ** 2 <= r * r);
      expect(near.sort((a, b) => a - b)).to.deep.equal(close);
    }
  });
});
