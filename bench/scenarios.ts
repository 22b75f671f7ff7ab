// The URLs the load runs request: map views at several zooms, and word searches, each fixed or varied.
import { LOCATION_TYPES, FACILITIES } from '../server/locations/location.vocabulary.ts';
import type { WofLocality } from './listings.ts';

export type BBox = [number, number, number, number];

/** The bbox a 1280×800 px Web Mercator map shows when centred on (lat, lng) at `zoom`. */
export function bboxAround(lat: number, lng: number, zoom: number, width = 1280, height = 800): BBox {
  const size = 256 * 2 ** zoom;
  const x = ((lng + 180) / 360) * size;
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size;
  const toLng = (px: number) => (px / size) * 360 - 180;
  const toLat = (py: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / size))) * 180) / Math.PI;
  const clamp = (v: number, limit: number) => Math.max(-limit, Math.min(limit, v));
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  return [
    round(clamp(toLng(x - width / 2), 180)),
    round(clamp(toLat(y + height / 2), 85)),
    round(clamp(toLng(x + width / 2), 180)),
    round(clamp(toLat(y - height / 2), 85)),
  ];
}

const bboxParam = (bbox: BBox) => bbox.join(',');
const mapUrl = (params: Record<string, string>) => `/api/v1/locations?${new URLSearchParams(params).toString()}`;

export interface Scenario {
  id: string;
  group: 'cluster' | 'search';
  title: string;
  /** What varies between requests, or "same URL". */
  variation: string;
  paths: string[];
  /** The target on p95 latency, in ms. */
  p95TargetMs: number;
}

const BRUSSELS = { lat: 50.8467, lng: 4.3525 };
const EUROPE = { lat: 46, lng: 8 };

/** Localities with distinct, searchable names, spread over the whole selection (not only the largest towns). */
function spreadLocalities(localities: readonly WofLocality[], count: number): WofLocality[] {
  const step = Math.max(1, Math.floor(localities.length / (count * 2)));
  const names = new Set<string>();
  const result: WofLocality[] = [];
  for (let i = 0; i < localities.length && result.length < count; i += step) {
    const locality = localities[i]!;
    const key = locality.name.toLowerCase();
    if (names.has(key) || !/\p{L}{3}/u.test(locality.name)) continue;
    names.add(key);
    result.push(locality);
  }
  return result;
}

export const CLUSTER_P95_TARGET_MS = 10;
export const SEARCH_P95_TARGET_MS = 30;
/**
 * Distinct queries per varied run, requested round-robin: about as many as a run of ten seconds asks for when answers
 * are computed afresh; the report gives how often each came back in every run.
 */
export const VARIED_QUERIES = 20_000;
/** The baseline replays the app's bytes for this many queries of each run, and for the others those of a sample. */
export const RECORDED_PER_SCENARIO = 500;

export function buildScenarios(localities: readonly WofLocality[]): Scenario[] {
  const spread = spreadLocalities(localities, VARIED_QUERIES);
  const scenarios: Scenario[] = [];
  const cluster = (id: string, title: string, variation: string, paths: string[]) =>
    scenarios.push({ id, group: 'cluster', title, variation, paths, p95TargetMs: CLUSTER_P95_TARGET_MS });
  const search = (id: string, title: string, variation: string, paths: string[]) =>
    scenarios.push({ id, group: 'search', title, variation, paths, p95TargetMs: SEARCH_P95_TARGET_MS });

  cluster('z4', 'Clusters, zoom 4 (Europe)', 'same URL', [
    mapUrl({ bbox: bboxParam(bboxAround(EUROPE.lat, EUROPE.lng, 4)), zoom: '4' }),
  ]);
  for (const [zoom, where] of [
    [8, 'region around Brussels'],
    [12, 'Brussels, city'],
    [15, 'Brussels, street level'],
  ] as const) {
    cluster(`z${zoom}`, `Clusters, zoom ${zoom} (${where})`, 'same URL', [
      mapUrl({ bbox: bboxParam(bboxAround(BRUSSELS.lat, BRUSSELS.lng, zoom)), zoom: String(zoom) }),
    ]);
    cluster(
      `z${zoom}-pan`,
      `Clusters, zoom ${zoom} (panned)`,
      `${spread.length} views centred on localities, round-robin`,
      spread.map((c) => mapUrl({ bbox: bboxParam(bboxAround(c.lat, c.lng, zoom)), zoom: String(zoom) })),
    );
  }

  search('q-type-bbox', 'Map search: q + type + bbox, zoom 10', 'same URL', [
    mapUrl({
      q: 'bruxelles',
      type: 'coworking',
      zoom: '10',
      bbox: bboxParam(bboxAround(BRUSSELS.lat, BRUSSELS.lng, 10)),
    }),
  ]);
  search(
    'q-type-bbox-varied',
    'Map search: q + type + bbox, zoom 10',
    `${spread.length} localities × type, round-robin`,
    spread.map((l, i) =>
      mapUrl({
        q: l.name,
        type: LOCATION_TYPES[i % LOCATION_TYPES.length]!,
        zoom: '10',
        bbox: bboxParam(bboxAround(l.lat, l.lng, 10)),
      }),
    ),
  );
  search('q-country-facility', 'Map search: q + country + facility (world)', 'same URL', [
    mapUrl({ q: 'desk 12', country: 'BE', facility: 'wifi' }),
  ]);
  const countries = Object.keys(Object.fromEntries(localities.map((l) => [l.country, true]))).sort();
  search(
    'q-country-facility-varied',
    'Map search: q + country + facility (world)',
    `${VARIED_QUERIES} × "desk <n>" / country / facility, round-robin`,
    Array.from({ length: VARIED_QUERIES }, (_, i) =>
      mapUrl({
        q: `desk ${10 + i}`,
        country: countries[i % countries.length]!,
        facility: FACILITIES[i % FACILITIES.length]!,
      }),
    ),
  );
  search('home', 'Home page list: q + country', 'same URL', [
    `/?${new URLSearchParams({ q: 'namur', country: 'BE' })}`,
  ]);
  search(
    'home-varied',
    'Home page list: q + country',
    `${spread.length} localities, round-robin`,
    spread.map((l) => `/?${new URLSearchParams({ q: l.name, country: l.country }).toString()}`),
  );
  return scenarios;
}
