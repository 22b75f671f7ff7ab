// The map's shortcuts: counting a view from a grid and assembling features from tiles give exactly what the plain scan
// and the cluster index's whole zoom give, for every view, language and change of the index.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { expect } from 'chai';
import express from 'express';
import fc from 'fast-check';
import { toDirectoryEntry, type DirectoryEntry } from '../../server/directory/engine/directory-entry.js';
import { SharedValues } from '../../server/directory/engine/indexed-entry.js';
import type { FoundItem } from '../../server/directory/engine/cluster-index.js';
import { DirectoryIndex, ResultSet, type BBox } from '../../server/directory/engine/directory-index.js';
import { DirectoryAnswers, widenedBox, type SearchQuery } from '../../server/directory/engine/directory-answers.js';
import {
  ENTRY_OVERHEAD_BYTES,
  MapAnswerCache,
  type MapAnswer,
} from '../../server/directory/engine/map-answer-cache.js';
import { MapTiles } from '../../server/directory/engine/map-tiles.js';
import { ByteRanges } from '../../server/directory/engine/byte-ranges.js';
import { ViewCounts } from '../../server/directory/engine/view-count.js';
import { sendMapAnswer } from '../../server/directory/map-answer-http.js';

/** A deterministic pseudo-random sequence (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Places around Europe on a 0.01° lattice, so many share a position and many lie exactly on a view's edge. */
function places(seed: number, count: number): { lng: number; lat: number }[] {
  const next = random(seed);
  return Array.from({ length: count }, () => ({
    lng: Math.round((-10 + next() * 40) * 100) / 100,
    lat: Math.round((36 + next() * 24) * 100) / 100,
  }));
}

describe('view counts', () => {
  const counts = new ViewCounts();
  const countInView = (result: ResultSet, bbox: BBox | undefined, version: number) =>
    counts.count(result, bbox, version);

  it('when any view is asked of a large result set, then the grid counts exactly the places the scan finds', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.array(fc.integer({ min: 0, max: 7999 }), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (seed, picks, fromPlaces) => {
          const entries = places(seed, 8000);
          const result = new ResultSet(entries as unknown as DirectoryEntry[]);
          // Edges taken from places' own coordinates hit the lattice exactly; the others fall anywhere, even outside.
          const next = random(seed ^ 0x5bd1e995);
          const coordinate = (k: number, axis: 'lng' | 'lat') =>
            fromPlaces ? entries[picks[k]!]![axis] : axis === 'lng' ? -40 + next() * 100 : 20 + next() * 60;
          const lngs = [coordinate(0, 'lng'), coordinate(1, 'lng')].sort((a, b) => a - b);
          const lats = [coordinate(2, 'lat'), coordinate(3, 'lat')].sort((a, b) => a - b);
          const bbox: BBox = [lngs[0]!, lats[0]!, lngs[1]!, lats[1]!];
          expect(countInView(result, bbox, 0)).to.equal(result.inBox(bbox, 0, 0).count);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('when the view is a narrow band across the map, then the counts still agree', () => {
    const entries = places(11, 8000);
    const result = new ResultSet(entries as unknown as DirectoryEntry[]);
    for (const { lng, lat } of entries.slice(0, 50)) {
      for (const bbox of [
        [lng - 0.03, 30, lng + 0.03, 66],
        [-20, lat - 0.02, 40, lat],
        [lng, lat, lng + 0.5, lat + 0.01],
      ] as BBox[]) {
        expect(countInView(result, bbox, 0), bbox.join()).to.equal(result.inBox(bbox, 0, 0).count);
      }
    }
  });

  it('when the view holds everything, a single position or nothing, then the counts still agree', () => {
    const entries = places(7, 5000);
    const result = new ResultSet(entries as unknown as DirectoryEntry[]);
    const { lng, lat } = entries[0]!;
    for (const bbox of [
      [-180, -90, 180, 90],
      [lng, lat, lng, lat],
      [100, 0, 120, 10],
    ] as BBox[]) {
      expect(countInView(result, bbox, 0), bbox.join()).to.equal(result.inBox(bbox, 0, 0).count);
    }
    expect(countInView(result, undefined, 0)).to.equal(5000);
  });
});

/** Each index's answers, made once, as an engine holds them. */
const answersByIndex = new WeakMap<DirectoryIndex, DirectoryAnswers>();
function answersOf(index: DirectoryIndex): DirectoryAnswers {
  let answers = answersByIndex.get(index);
  if (!answers) answersByIndex.set(index, (answers = new DirectoryAnswers(index)));
  return answers;
}
const mapFeatures = (index: DirectoryIndex, query: SearchQuery, lang: string) =>
  answersOf(index).mapFeatures(query, 'public', lang);
const mapAnswerBody = (index: DirectoryIndex, query: SearchQuery, lang: string) =>
  answersOf(index).mapAnswerBody(query, 'public', lang);

function indexOf(count: number, seed: number): DirectoryIndex {
  const index = new DirectoryIndex();
  places(seed, count).forEach(({ lng, lat }, i) => index.upsert(entryAt(i, lng, lat, `Lieu ${i}`)));
  return index;
}

const shared = new SharedValues();

function entryAt(
  i: number,
  lng: number,
  lat: number,
  frenchName: string,
  updatedAt = '2026-05-01T12:00:00Z',
): DirectoryEntry {
  return toDirectoryEntry(
    {
      _id: { toString: () => `id-${i}` },
      slug: `place-${i}`,
      language: 'fr',
      name: i % 3 === 0 ? { fr: frenchName, nl: `Plek ${i}` } : { fr: frenchName },
      type: 'coworking',
      model: { governance: 'cooperative', openness: 'public', spaceKind: 'shared-workspace' },
      address: { locality: 'Somewhere', countryCode: 'BE' },
      coordinates: { lat, lng, approximate: i % 5 === 0 },
      facilities: ['wifi'],
      timeZone: 'Europe/Brussels',
      network: { toString: () => 'net1' },
      updatedAt: new Date(updatedAt),
    },
    'cooperative-wallonie',
    () => [],
    { shared },
  );
}

describe('map answers assembled from tiles', () => {
  /** What the map should draw: every cluster and place of the zoom whose position lies in the widened view. */
  function expected(index: DirectoryIndex, view: { bbox?: BBox; zoom: number }): string[] {
    const result = index.search({});
    const box = widenedBox(view.bbox ?? [-180, -85, 180, 85], view.zoom);
    return result
      .clusterIndex()
      .inBox([-180, -90, 180, 90], view.zoom)
      .filter(({ lng, lat }) => lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3])
      .map((f) => (f.count > 1 ? `cluster ${f.count} ${f.lng},${f.lat}` : `place ${result.entries[f.ref]!.slug}`))
      .sort();
  }
  const drawn = (map: ReturnType<typeof mapFeatures>) =>
    map.features
      .map((f) =>
        f.properties.cluster
          ? `cluster ${f.properties.count} ${f.geometry.coordinates.join()}`
          : `place ${f.properties.slug}`,
      )
      .sort();

  const views: { bbox?: BBox; zoom: number }[] = [
    { zoom: 0 },
    { bbox: [-10, 36, 30, 60], zoom: 4 },
    { bbox: [2, 48, 6, 51], zoom: 8 },
    { bbox: [4, 50, 4.5, 50.3], zoom: 12 },
    { bbox: [4, 50, 4.05, 50.03], zoom: 17 },
    // The whole map close up: far more tiles than a screen covers.
    { bbox: [-180, -90, 180, 90], zoom: 12 },
  ];

  it('when views are asked twice in several languages, then each holds exactly the clusters and places of its zoom in view, once each', () => {
    const index = indexOf(6000, 42);
    for (let round = 0; round < 2; round += 1) {
      for (const lang of ['en', 'nl', 'fr']) {
        for (const view of views) {
          const map = mapFeatures(index, view, lang);
          expect(drawn(map), `${lang} ${JSON.stringify(view)}`).to.deep.equal(expected(index, view));
          expect(map.total).to.equal(6000);
        }
      }
    }
  });

  it('when any view is panned over places lying on tile and view edges, then no cluster or place is lost or doubled', () => {
    const index = indexOf(4000, 9);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3999 }),
        fc.integer({ min: 2, max: 16 }),
        fc.double({ min: 0.01, max: 8, noNaN: true }),
        (pick, zoom, span) => {
          // Views with an edge on a place's own coordinates.
          const { lng, lat } = index.search({}).entries[pick]!;
          const view = { bbox: [lng, lat, Math.min(180, lng + span), Math.min(90, lat + span / 2)] as BBox, zoom };
          expect(drawn(mapFeatures(index, view, 'en'))).to.deep.equal(expected(index, view));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('when a view edge runs exactly through places and tile edges, then those places are in it once each', () => {
    // Features on a lattice, many on one position; tiles are fetched through a plain filter, as the cluster index would.
    const features: FoundItem[] = places(11, 3000).map(({ lng, lat }, i) => ({ lng, lat, count: 1, ref: i }));
    const source = {
      find: ([minLng, minLat, maxLng, maxLat]: BBox) =>
        features.filter((f) => f.lng >= minLng && f.lng <= maxLng && f.lat >= minLat && f.lat <= maxLat),
      json: (f: FoundItem) => `${f.ref}`,
    };
    const tiles = new MapTiles();
    const result = new ResultSet([]);
    // Only sets the index keeps have tiles.
    result.kept = true;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2999 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 12 }),
        (picks, zoom) => {
          const lngs = [features[picks[0]!]!.lng, features[picks[1]!]!.lng].sort((a, b) => a - b);
          const lats = [features[picks[2]!]!.lat, features[picks[3]!]!.lat].sort((a, b) => a - b);
          const view: BBox = [lngs[0]!, lats[0]!, lngs[1]!, lats[1]!];
          const pieces = new ByteRanges();
          tiles.featuresInView(result, 0, 'en', zoom, view, source, pieces);
          const got = JSON.parse(`[${pieces.join().toString().slice(0, -1)}]`) as number[];
          const want = source.find(view).map((f) => f.ref);
          expect(got.sort((a, b) => a - b)).to.deep.equal(want.sort((a, b) => a - b));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when a filtered search is asked again and again, then the index keeps it from the second time and the map is the same each time', () => {
    const index = indexOf(3000, 21);
    const view = { q: 'lieu 1', bbox: [-10, 36, 30, 60] as BBox, zoom: 6 };
    const answers = [0, 1, 2].map(
      () => JSON.parse(mapAnswerBody(index, view, 'fr').toString()) as ReturnType<typeof mapFeatures>,
    );
    expect(index.search({ q: 'lieu 1' }).kept).to.equal(true);
    expect(index.search({ q: 'lieu 2' }).kept).to.equal(false);
    // The same features, in the order of the tiles once kept.
    expect(drawn(answers[1]!)).to.deep.equal(drawn(answers[0]!));
    expect(drawn(answers[2]!)).to.deep.equal(drawn(answers[0]!));
    const map = answers[0]!;
    // "lieu 1" matches Lieu 1, Lieu 10–19, Lieu 100–199 and Lieu 1000–1999.
    expect(map.total).to.equal(1111);
    expect(map.features.reduce((sum, f) => sum + (f.properties.cluster ? f.properties.count : 1), 0)).to.equal(
      map.inView,
    );
  });

  it('when a place is renamed or added after a view was served, then the next answer shows the change', () => {
    const index = indexOf(300, 3);
    const view = { bbox: [-10, 36, 30, 60] as BBox, zoom: 17 };
    const before = mapAnswerBody(index, view, 'fr').toString();
    const [first] = places(3, 1);
    index.upsert(entryAt(0, first!.lng, first!.lat, 'Nouveau nom', '2026-06-01T00:00:00Z'));
    index.upsert(entryAt(300, 4.2, 50.1, 'Lieu ajouté'));
    const after = mapAnswerBody(index, view, 'fr').toString();
    expect(after).to.not.equal(before);
    expect(after).to.include('"name":"Nouveau nom"').and.include('"name":"Lieu ajouté"');
    expect(drawn(JSON.parse(after) as ReturnType<typeof mapFeatures>)).to.deep.equal(expected(index, view));
  });
});

describe('MapAnswerCache', () => {
  const view = (i: number) => ({ url: `/api/v1/locations?zoom=17&bbox=${i},40,${i + 1},41`, raw: {} });
  const query = (i: number) => ({ zoom: 17, bbox: [i, 40, i + 1, 41] as BBox });
  /** What the cache counts for one of these answers, with room for its key. */
  const room = (body: number) => body + ENTRY_OVERHEAD_BYTES + 200;

  it('when more views are cycled through than it holds, then it keeps answering those it kept instead of churning', () => {
    const index = indexOf(300, 5);
    const one = mapAnswerBody(index, query(0), 'en').length;
    const cache = new MapAnswerCache(answersOf(index), 3 * room(one));
    const cycle = () =>
      Array.from({ length: 10 }, (_, i) => {
        const hit = cache.find('public', 'en', view(i).url) !== undefined;
        if (!hit) cache.compute('public', 'en', view(i).url, view(i).raw, query(i));
        return hit;
      }).filter(Boolean).length;
    cycle();
    const hits = [cycle(), cycle()];
    // A plain least-recently-used cache would have evicted each answer just before its next use: no hits at all.
    expect(hits[0]).to.be.within(2, 5);
    expect(hits[1]).to.equal(hits[0]);
  });

  it('when a view is asked for again and again while the cache is full, then it displaces one asked for once', () => {
    const index = indexOf(300, 5);
    const one = mapAnswerBody(index, query(0), 'en').length;
    const cache = new MapAnswerCache(answersOf(index), 2 * room(one));
    for (const i of [0, 1]) cache.compute('public', 'en', view(i).url, view(i).raw, query(i));
    for (let k = 0; k < 3; k += 1) {
      if (!cache.find('public', 'en', view(9).url)) cache.compute('public', 'en', view(9).url, view(9).raw, query(9));
    }
    expect(cache.find('public', 'en', view(9).url)).to.not.equal(undefined);
  });

  it('when a kept answer was asked for again, then a popular newcomer displaces an older one nobody asked for since', () => {
    const index = indexOf(300, 5);
    const one = mapAnswerBody(index, query(0), 'en').length;
    const cache = new MapAnswerCache(answersOf(index), 2 * room(one));
    for (const i of [0, 1]) cache.compute('public', 'en', view(i).url, view(i).raw, query(i));
    // The oldest answer is used again; the newer one is not.
    expect(cache.find('public', 'en', view(0).url)).to.not.equal(undefined);
    for (let k = 0; k < 3; k += 1) {
      if (!cache.find('public', 'en', view(9).url)) cache.compute('public', 'en', view(9).url, view(9).raw, query(9));
    }
    expect(cache.find('public', 'en', view(0).url)).to.not.equal(undefined);
    expect(cache.find('public', 'en', view(9).url)).to.not.equal(undefined);
    expect(cache.find('public', 'en', view(1).url)).to.equal(undefined);
  });

  it('when two engines in one process answer the same URL at the same index version, then each gives its own answer and ETag', () => {
    const [one, other] = [indexOf(300, 5), indexOf(300, 6)];
    expect(one.version).to.equal(other.version);
    const caches = [one, other].map((index) => new MapAnswerCache(answersOf(index)));
    const world = { zoom: 3 };
    const answers = caches.map((cache) => cache.compute('public', 'en', '/api/v1/locations?zoom=3', {}, world));

    expect(answers[0]!.etag).to.not.equal(answers[1]!.etag);
    expect(answers[0]!.body.equals(mapAnswerBody(one, world, 'en'))).to.equal(true);
    expect(answers[1]!.body.equals(mapAnswerBody(other, world, 'en'))).to.equal(true);
    expect(answers[0]!.body.equals(answers[1]!.body)).to.equal(false);
  });

  it('when the index changes, then no answer computed before is given again', () => {
    const index = indexOf(300, 5);
    const cache = new MapAnswerCache(answersOf(index));
    cache.compute('public', 'en', view(0).url, view(0).raw, query(0));
    expect(cache.find('public', 'en', view(0).url)).to.not.equal(undefined);
    index.upsert(entryAt(300, 0.5, 40.5, 'Lieu ajouté'));
    expect(cache.find('public', 'en', view(0).url)).to.equal(undefined);
  });

  it('when a kept answer is let go while a slow reader still receives it, then the reader gets every byte and its memory is given back once sent', async () => {
    // Answers this large (about 6 MB) stay partly unsent while the reader does not read.
    const index = indexOf(20_000, 8);
    const cache = new MapAnswerCache(answersOf(index), 32 * 2 ** 20);
    const world = { zoom: 17 };
    const expected = mapAnswerBody(index, world, 'en');
    let sent!: { answer: MapAnswer; res: express.Response };
    const app = express();
    app.get('/map', (req, res) => {
      const answer = cache.compute('public', 'en', req.url, {}, world);
      sendMapAnswer(req, res, answer);
      sent = { answer, res };
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const socket = net.connect((server.address() as AddressInfo).port, '127.0.0.1');
      socket.pause();
      socket.write('GET /map HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n');
      while (!sent) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(sent.res.writableFinished, 'the answer is still being sent').to.equal(false);
      // A change of the index lets every kept answer go; new buffers then take memory freed meanwhile.
      index.upsert(entryAt(20_000, 0.5, 40.5, 'Lieu ajouté'));
      cache.compute('public', 'en', '/other', {}, { zoom: 3 });
      for (let k = 0; k < 8; k += 1) Buffer.alloc(expected.length, 0x5a);
      expect(sent.answer.body.length).to.equal(expected.length);

      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.resume();
      await once(socket, 'end');
      const response = Buffer.concat(chunks);
      const body = response.subarray(response.indexOf('\r\n\r\n') + 4);
      expect(body.equals(expected)).to.equal(true);
      if (!sent.res.closed) await once(sent.res, 'close');
      expect(sent.answer.body.length, 'given back').to.equal(0);
    } finally {
      server.close();
    }
  });

  it('when kept answers are displaced, then their memory is given back at once', () => {
    const index = indexOf(300, 5);
    const one = mapAnswerBody(index, query(0), 'en').length;
    const cache = new MapAnswerCache(answersOf(index), 2 * room(one));
    const kept = [0, 1].map((i) => cache.compute('public', 'en', view(i).url, view(i).raw, query(i)));
    expect(kept.map((a) => a.body.length)).to.deep.equal([one, one]);
    index.upsert(entryAt(300, 0.5, 40.5, 'Lieu ajouté'));
    cache.compute('public', 'en', view(2).url, view(2).raw, query(2));
    expect(kept.map((a) => a.body.length)).to.deep.equal([0, 0]);
  });
});
