// Map tiles held up to a budget: whatever tiles are added, a tile reads back exactly the features it was made of, the
// store stays within its budget, and the oldest go first.
import { expect } from 'chai';
import fc from 'fast-check';
import { Layer, TileStore, type PositionedFeature, type Tile } from '../../server/directory/engine/tile-store.ts';

/** The features a tile reads back as: each one's JSON (its comma dropped) and position. */
function readBack(tile: Tile): PositionedFeature[] {
  const features: PositionedFeature[] = [];
  let start = 0;
  for (let i = 0; i < tile.count; i += 1) {
    const end = tile.table[3 * i]!;
    features.push({
      json: tile.bytes.toString('utf8', start, end - 1),
      lng: tile.table[3 * i + 1]!,
      lat: tile.table[3 * i + 2]!,
    });
    start = end;
  }
  expect(start).to.equal(tile.bytes.length);
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
  it('when tiles of any size are added, then every tile keeps its exact features and the store stays within its budget', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 200 }), (counts) => {
        const store = new TileStore(4096, 50);
        const layers = new Map<string, Layer>();
        const layer = new Layer(layers, 'en|8|6');
        const made = new Map<number, PositionedFeature[]>();
        const read: { tile: Tile; features: PositionedFeature[] }[] = [];
        counts.forEach((count, key) => {
          const features = featuresOf(key, count);
          const tile = store.add(layer, key, features);
          made.set(key, features);
          read.push({ tile, features });
          for (const r of read) expect(readBack(r.tile)).to.deep.equal(r.features);
          let bytes = 0;
          for (const [k, held] of layer.tiles) {
            expect(readBack(held)).to.deep.equal(made.get(k));
            bytes += held.bytes.length + held.table.byteLength;
          }
          expect(bytes).to.be.at.most(4096);
          expect(store.size).to.be.at.most(50);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('when the budget is spent, then the tiles made longest ago are let go and the newest stay', () => {
    const store = new TileStore(2048, 1000);
    const layers = new Map<string, Layer>();
    const layer = new Layer(layers, 'fr|12|10');
    for (let key = 0; key < 40; key += 1) store.add(layer, key, featuresOf(key, 4));
    const held = [...layer.tiles.keys()];
    expect(held.length).to.be.within(1, 39);
    // The newest tiles, without gaps.
    expect(held).to.deep.equal(Array.from({ length: held.length }, (_, i) => 40 - held.length + i));
    expect(layers.get('fr|12|10')).to.equal(layer);
  });

  it('when every tile of a layer is let go, then the layer leaves its result set', () => {
    const store = new TileStore(2048, 3);
    const layers = new Map<string, Layer>();
    const first = new Layer(layers, 'en|8|6');
    const second = new Layer(layers, 'nl|8|6');
    store.add(first, 1, featuresOf(1, 2));
    store.add(first, 2, []);
    expect([...layers.keys()]).to.deep.equal(['en|8|6']);
    for (let key = 0; key < 3; key += 1) store.add(second, key, featuresOf(key, 1));
    expect([...layers.keys()]).to.deep.equal(['nl|8|6']);
    store.clear();
    expect(store.size).to.equal(0);
  });

  it('when a tile is larger than the whole budget, then it is made for the response but not held', () => {
    const store = new TileStore(1024, 100);
    const layer = new Layer(new Map(), 'en|8|6');
    const features = featuresOf(7, 60);
    const tile = store.add(layer, 7, features);
    expect(readBack(tile)).to.deep.equal(features);
    expect(layer.tiles.has(7)).to.equal(false);
  });
});
