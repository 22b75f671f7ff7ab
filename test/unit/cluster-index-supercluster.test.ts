// The cluster index against supercluster, whose greedy algorithm it keeps: for random places, every zoom and random
// views, the same clusters (the same places in each, at the same position) and the same single places.
import { expect } from 'chai';
import fc from 'fast-check';
import Supercluster from 'supercluster';
import { ClusterIndex, type FoundItem } from '../../server/directory/engine/cluster-index.ts';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS_PX } from '../../server/directory/engine/directory-index.ts';
import { latY, lngX } from '../../server/directory/engine/web-mercator.ts';

/** Ours are in pixels of a 512-pixel tile, supercluster's default extent, and cluster from zoom 0. */
const EXTENT = 512;
const MIN_ZOOM = 0;
const WORLD = [-180, -90, 180, 90] as const;

/**
 * Where ours is meant to differ (see cluster-index.ts), and the tolerance that follows. Both round the places'
 * projected positions to 32-bit floats and search 32-bit positions, but a cluster's centre is kept as a 32-bit float
 * here and as a 64-bit one by supercluster, which also weighs the next zoom's centres with it. Each zoom up may add
 * half a 32-bit float's step (2^-25 on the unit square, at most) between the two centres: positions are compared
 * within that much per zoom below the places'. And where an item lies that close to the cluster radius from a
 * centre, the two may decide differently whether it joins the cluster: from that zoom up the clusterings differ, and
 * the test checks that such a pair is really there before it stops comparing.
 */
const HALF_STEP = 2 ** -25;
const drift = (zoom: number) => (CLUSTER_MAX_ZOOM + 1 - Math.min(zoom, CLUSTER_MAX_ZOOM + 1)) * HALF_STEP;

interface Place {
  lng: number;
  lat: number;
}

type Reference = Supercluster<{ i: number }, Supercluster.AnyProps>;
/**
 * Supercluster's items of each zoom, read for the edge test (its internal layout): six numbers each, of which the
 * position (x, y: 64-bit; its search tree holds them as 32-bit floats), then the id of the cluster or the index of the
 * place, and the count.
 */
type ReferenceTrees = { data: number[] }[];
const STRIDE = 6;
const ID = 3;
const COUNT = 5;

/** One item of a zoom as both sides can name it: a place by its index, a cluster by the places in it. */
interface Item {
  key: string;
  count: number;
  x: number;
  y: number;
  expansionZoom?: number;
}

function ourItems(index: ClusterIndex, found: readonly FoundItem[]): Item[] {
  return found.map((f) => {
    const position = { x: lngX(f.lng), y: latY(f.lat) };
    if (f.count === 1) return { key: `place ${f.ref}`, count: 1, ...position };
    const places = index.leaves(f.ref, Infinity);
    return {
      key: `cluster ${places.join(',')}`,
      count: f.count,
      ...position,
      expansionZoom: index.expansionZoom(f.ref),
    };
  });
}

const clusterKey = (reference: Reference, id: number) =>
  `cluster ${reference
    .getLeaves(id, Infinity)
    .map((leaf) => leaf.properties.i)
    .sort((a, b) => a - b)
    .join(',')}`;

function referenceItems(reference: Reference, found: ReturnType<Reference['getClusters']>): Item[] {
  return found.map((f) => {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const position = { x: lngX(lng), y: latY(lat) };
    if (!('cluster' in f.properties)) return { key: `place ${f.properties.i}`, count: 1, ...position };
    const id = f.properties.cluster_id;
    return {
      key: clusterKey(reference, id),
      count: f.properties.point_count,
      ...position,
      expansionZoom: reference.getClusterExpansionZoom(id),
    };
  });
}

const byKey = (items: Item[]) => new Map(items.map((item) => [item.key, item]));

/**
 * Whether, for two items of `zoom` + 1 (the same on both sides), ours and supercluster decide differently that one lies
 * within the cluster radius of `zoom` from the other, each with its own positions: ours the 32-bit centres, supercluster
 * a 64-bit centre against the 32-bit position of the other in its search tree.
 */
function radiusTestsDisagree(ours: ClusterIndex, reference: Reference, zoom: number): boolean {
  const r2 = (CLUSTER_RADIUS_PX / (EXTENT * 2 ** zoom)) ** 2;
  const ourPositions = new Map(
    ourItems(ours, ours.inBox(WORLD, zoom + 1)).map((item) => [item.key, [Math.fround(item.x), Math.fround(item.y)]]),
  );
  const { data } = (reference as unknown as { trees: ReferenceTrees }).trees[zoom + 1]!;
  const items: { x: number; y: number; ourX: number; ourY: number }[] = [];
  for (let k = 0; k < data.length; k += STRIDE) {
    const key = data[k + COUNT]! > 1 ? clusterKey(reference, data[k + ID]!) : `place ${data[k + ID]}`;
    const [ourX, ourY] = ourPositions.get(key)!;
    items.push({ x: data[k]!, y: data[k + 1]!, ourX: ourX!, ourY: ourY! });
  }
  const theirsWithin = (centre: (typeof items)[number], other: (typeof items)[number]) =>
    (Math.fround(other.x) - centre.x) ** 2 + (Math.fround(other.y) - centre.y) ** 2 <= r2;
  for (const [i, a] of items.entries()) {
    for (const b of items.slice(i + 1)) {
      const oursWithin = (b.ourX - a.ourX) ** 2 + (b.ourY - a.ourY) ** 2 <= r2;
      if (oursWithin !== theirsWithin(a, b) || oursWithin !== theirsWithin(b, a)) return true;
    }
  }
  return false;
}

/**
 * Compares what a view shows at `zoom`: the same places and clusters, with positions within the drift. With `view`,
 * an item that close to the view's edge, or half a 32-bit step, may be shown by one side only: each tests its own
 * 32-bit rounding of a centre against the edge, and supercluster rounds the edges' longitudes as it normalises them.
 * Returns what differs.
 */
function compare(ours: Item[], theirs: Item[], zoom: number, view?: readonly number[]): string[] {
  const tolerance = drift(zoom);
  const nearEdge = (item: Item) =>
    view !== undefined &&
    [lngX(view[0]!) - item.x, item.x - lngX(view[2]!), latY(view[3]!) - item.y, item.y - latY(view[1]!)].some(
      (outside) => Math.abs(outside) <= tolerance + HALF_STEP,
    );
  const mine = byKey(ours);
  const reference = byKey(theirs);
  const differences: string[] = [];
  for (const [key, item] of mine) {
    const other = reference.get(key);
    if (!other) {
      if (!nearEdge(item)) differences.push(`only ours: ${key}`);
      continue;
    }
    const apart = Math.max(Math.abs(item.x - other.x), Math.abs(item.y - other.y));
    if (item.count !== other.count || apart > tolerance || item.expansionZoom !== other.expansionZoom) {
      differences.push(`${key}: ${JSON.stringify(item)} against ${JSON.stringify(other)}`);
    }
  }
  for (const [key, item] of reference) {
    if (!mine.has(key) && !nearEdge(item)) differences.push(`only supercluster's: ${key}`);
  }
  return differences;
}

const coordinate = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const place = (west: number, south: number, east: number, north: number) =>
  fc.record({ lng: coordinate(west, east), lat: coordinate(south, north) });

/**
 * Places spread over Europe, a few anywhere on Earth (poles included), and clumps around some of them, from a few
 * kilometres across down to exact duplicates (listings in one building), so that every zoom has clusters to make.
 */
const places = fc
  .tuple(
    fc.array(place(-10, 35, 30, 60), { minLength: 1, maxLength: 250, size: 'max' }),
    fc.array(place(-180, -90, 180, 90), { maxLength: 10 }),
    fc.array(
      fc.record({
        around: fc.nat(),
        spread: fc.integer({ min: 1, max: 7 }),
        offsets: fc.array(fc.tuple(coordinate(-1, 1), coordinate(-1, 1)), { minLength: 1, maxLength: 25, size: 'max' }),
      }),
      { maxLength: 8, size: 'max' },
    ),
  )
  .map(([spread, anywhere, clumps]) => {
    const all: Place[] = [...spread, ...anywhere];
    for (const { around, spread: digits, offsets } of clumps) {
      const centre = all[around % all.length]!;
      const size = 10 ** -digits;
      for (const [dx, dy] of offsets) {
        all.push({
          lng: Math.min(180, Math.max(-180, centre.lng + dx * size)),
          lat: Math.min(90, Math.max(-90, centre.lat + dy * size)),
        });
      }
    }
    return all;
  });

/** An edge of a view: anywhere, or on a place's own coordinate (`of`, an index into the places), where rounding shows. */
const edge = (min: number, max: number) =>
  fc.oneof(fc.record({ at: coordinate(min, max) }), fc.record({ of: fc.nat() }));

/** Views at any zoom, deeper ones than the index holds included. */
const views = (count: number) =>
  fc.array(
    fc.record({
      zoom: fc.integer({ min: 0, max: CLUSTER_MAX_ZOOM + 4 }),
      lngs: fc.tuple(edge(-180, 180), edge(-180, 180)),
      lats: fc.tuple(edge(-90, 90), edge(-90, 90)),
    }),
    { minLength: 1, maxLength: count },
  );

function indexes(points: Place[]): { ours: ClusterIndex; reference: Reference } {
  const ours = new ClusterIndex(Float64Array.from(points.flatMap((p) => [p.lng, p.lat])), {
    radiusPx: CLUSTER_RADIUS_PX,
    maxZoom: CLUSTER_MAX_ZOOM,
  });
  const reference: Reference = new Supercluster<{ i: number }>({
    radius: CLUSTER_RADIUS_PX,
    extent: EXTENT,
    minZoom: MIN_ZOOM,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 2,
  });
  reference.load(
    points.map((p, i) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
      properties: { i },
    })),
  );
  return { ours, reference };
}

describe('cluster index against supercluster', () => {
  it('when random places are clustered, then every zoom and every view shows the clusters and places supercluster shows', () => {
    fc.assert(
      fc.property(places, views(8), (points, asked) => {
        const { ours, reference } = indexes(points);
        // From the deepest zoom up; where a zoom differs, the two must have decided a radius test differently.
        let comparable = CLUSTER_MAX_ZOOM + 1;
        for (let zoom = CLUSTER_MAX_ZOOM + 1; zoom >= MIN_ZOOM; zoom -= 1) {
          const differences = compare(
            ourItems(ours, ours.inBox(WORLD, zoom)),
            referenceItems(reference, reference.getClusters([...WORLD], zoom)),
            zoom,
          );
          if (differences.length > 0) {
            // The places' own zoom has no radius test: it never differs.
            const explained = zoom <= CLUSTER_MAX_ZOOM && radiusTestsDisagree(ours, reference, zoom);
            expect(explained, `zoom ${zoom}: ${differences.join('; ')}`).to.equal(true);
            break;
          }
          comparable = zoom;
        }

        for (const { zoom, lngs, lats } of asked) {
          if (Math.min(zoom, CLUSTER_MAX_ZOOM + 1) < comparable) continue;
          const value = (e: { at: number } | { of: number }, axis: 'lng' | 'lat') =>
            'at' in e ? e.at : points[e.of % points.length]![axis];
          const [west, east] = lngs.map((e) => value(e, 'lng')).sort((a, b) => a - b) as [number, number];
          const [south, north] = lats.map((e) => value(e, 'lat')).sort((a, b) => a - b) as [number, number];
          // Supercluster reads a view starting at 180° as one across the antimeridian, which ours does not draw.
          if (west === 180) continue;
          const view = [west, south, east, north];
          const differences = compare(
            ourItems(ours, ours.inBox(view, zoom)),
            referenceItems(reference, reference.getClusters([west, south, east, north], zoom)),
            zoom,
            view,
          );
          expect(differences, `zoom ${zoom}, view ${view.join()}`).to.deep.equal([]);
        }
      }),
      // A failure shrinks for at most the rest of this time: shrinking hundreds of places step by step takes minutes.
      { numRuns: 150, interruptAfterTimeLimit: 20_000 },
    );
  });
});
