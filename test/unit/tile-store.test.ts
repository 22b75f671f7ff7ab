// Map tiles share a ring of slabs: whatever tiles are added, a tile still held reads back exactly the features it was
// made of, a tile a response is reading is never written over, and the oldest go first when the ring is full.
import { expect } from 'chai';
import fc from 'fast-check';
import { Layer, TileStore, type PositionedFeature, type Tile } from '../../server/directory/engine/tile-store.ts';

/** The features a tile reads back as: each one's JSON (its comma dropped) and position. */
function readBack(tile: Tile): PositionedFeature[] {
  const features: PositionedFeature[] = [];
  let start = tile.start;
  for (let i = 0; i < tile.count; i += 1) {
    const k = tile.tableStart + 3 * i;
    const end = tile.table[k]!;
    features.push({
      json: tile.bytes.toString('utf8', start, end - 1),
      lng: tile.table[k + 1]!,
      lat: tile.table[k + 2]!,
    });
    start = end;
  }
  expect(start).to.equal(tile.end);
  return features;
}

const featuresOf = (seed: number, count: number): PositionedFeature[] =>
  Array.from({ length: count }, (_, i) => ({
    // Some two-byte characters, as names have.
    json: `{"id":${seed},"n":"${i % 3 === 0 ? 'Liège' : 'Namur'}-${i}"}`,
    lng: seed + i / 100,
    lat: -seed - i / 100,
  }));

describe('TileStore', () => {
  it('when tiles of any size are added while responses read some, then held and read tiles keep their exact features', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            count: fc.integer({ min: 0, max: 12 }),
            pin: fc.boolean(),
            release: fc.integer({ min: 0, max: 15 }),
          }),
          {
            minLength: 1,
            maxLength: 200,
          },
        ),
        (steps) => {
          // Four slabs of 1 KB: a tile of 12 features takes about half of one.
          const store = new TileStore(1024, 4, 50);
          const layers = new Map<string, Layer>();
          const layer = new Layer(layers, 'en|8|6');
          const made = new Map<number, PositionedFeature[]>();
          let reading: { tile: Tile; features: PositionedFeature[] }[] = [];
          steps.forEach(({ count, pin, release }, key) => {
            // Now and then the responses being read are sent: their slabs may be written again.
            if (release === 0) reading = [];
            const pinned = reading.reduce((bits, { tile }) => (tile.slab >= 0 ? bits | (1 << tile.slab) : bits), 0);
            const features = featuresOf(key, count);
            const tile = store.add(layer, key, features, pinned);
            made.set(key, features);
            expect(readBack(tile)).to.deep.equal(features);
            if (pin) reading.push({ tile, features });
            for (const r of reading) expect(readBack(r.tile)).to.deep.equal(r.features);
            for (const [k, held] of layer.tiles) expect(readBack(held)).to.deep.equal(made.get(k));
            expect(store.size).to.be.at.most(50);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('when the ring is full, then the tiles written longest ago are let go and the newest stay', () => {
    const store = new TileStore(1024, 2, 1000);
    const layers = new Map<string, Layer>();
    const layer = new Layer(layers, 'fr|12|10');
    for (let key = 0; key < 40; key += 1) store.add(layer, key, featuresOf(key, 4), 0);
    const held = [...layer.tiles.keys()];
    expect(held.length).to.be.within(1, 39);
    // The newest tiles, without gaps.
    expect(held).to.deep.equal(Array.from({ length: held.length }, (_, i) => 40 - held.length + i));
    expect(layers.get('fr|12|10')).to.equal(layer);
  });

  it('when every tile of a layer is let go, then the layer leaves its result set', () => {
    const store = new TileStore(1024, 2, 3);
    const layers = new Map<string, Layer>();
    const first = new Layer(layers, 'en|8|6');
    const second = new Layer(layers, 'nl|8|6');
    store.add(first, 1, featuresOf(1, 2), 0);
    store.add(first, 2, [], 0);
    expect([...layers.keys()]).to.deep.equal(['en|8|6']);
    for (let key = 0; key < 3; key += 1) store.add(second, key, featuresOf(key, 1), 0);
    expect([...layers.keys()]).to.deep.equal(['nl|8|6']);
    store.clear();
    expect(store.size).to.equal(0);
  });

  it('when a tile is larger than a slab, then it is made for the response but not held', () => {
    const store = new TileStore(1024, 2, 100);
    const layer = new Layer(new Map(), 'en|8|6');
    const features = featuresOf(7, 60);
    const tile = store.add(layer, 7, features, 0);
    expect(readBack(tile)).to.deep.equal(features);
    expect(layer.tiles.has(7)).to.equal(false);
  });
});
