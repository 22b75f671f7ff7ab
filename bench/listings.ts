// Benchmark data: 100,000 listings at real Who's On First locality coordinates, and the few networks they belong to.
// The WOF file is benchmark data only; nothing here is demo data.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { Types } from 'mongoose';
import {
  FACILITIES,
  GOVERNANCES,
  LOCATION_TYPES,
  OPENNESS,
  SPACE_KINDS,
  type Facility,
} from '../server/locations/location.vocabulary.ts';
import { slugify } from '../server/shared/text/normalize.ts';

export const WOF_SOURCE = {
  name: "Who's On First (benchmark data)",
  attribution: "Data from Who's On First (whosonfirst.org), with GeoNames et al.",
};

export const TIME_ZONES: Readonly<Record<string, string>> = {
  BE: 'Europe/Brussels',
  NL: 'Europe/Amsterdam',
  LU: 'Europe/Luxembourg',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  ES: 'Europe/Madrid',
  IT: 'Europe/Rome',
};

/** The record's language: the country's language, or for multilingual countries the one whose WOF name is the default. */
const LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  BE: ['fr', 'nl', 'de'],
  NL: ['nl'],
  LU: ['fr', 'de', 'lb'],
  CH: ['de', 'fr', 'it', 'rm'],
  AT: ['de'],
  ES: ['es', 'ca', 'eu', 'gl'],
  IT: ['it'],
};
const WOF_NAME_COLUMN: Readonly<Record<string, string>> = {
  fr: 'name_fra',
  nl: 'name_nld',
  de: 'name_deu',
  lb: 'name_ltz',
  it: 'name_ita',
  rm: 'name_roh',
  es: 'name_spa',
  ca: 'name_cat',
  eu: 'name_eus',
  gl: 'name_glg',
};

/** Realistic OSM opening_hours values, given to one listing in OPENING_HOURS_EVERY. */
const OPENING_HOURS = ['Mo-Fr 09:00-17:00', 'Mo-Fr 08:30-18:00; Sa 09:00-12:00', 'Mo-Sa 08:00-20:00', '24/7'];
export const OPENING_HOURS_EVERY = 3;

export interface WofLocality {
  wofId: string;
  country: string;
  name: string;
  lat: number;
  lng: number;
  population: number;
  language: string;
}

export interface LocalitySelection {
  localities: WofLocality[];
  /** Locality rows by is_current value, before selection. */
  isCurrentCounts: Record<string, number>;
  eligible: number;
}

/**
 * Reads the WOF localities that are not known to be superseded: is_current 1 (current) and -1 (unknown; in this
 * file that includes Namur, Liège, Antwerpen and Brussel), never 0. Largest populations first, then by WOF id.
 */
export async function readLocalities(file: string): Promise<LocalitySelection> {
  const localities: WofLocality[] = [];
  const isCurrentCounts: Record<string, number> = {};
  const parser = createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    if (row.placetype !== 'locality') continue;
    const isCurrent = row.is_current ?? '';
    isCurrentCounts[isCurrent] = (isCurrentCounts[isCurrent] ?? 0) + 1;
    const country = row.country ?? '';
    const lat = Number(row.lat);
    const lng = Number(row.lon);
    const name = (row.name ?? '').trim();
    if (isCurrent === '0' || !TIME_ZONES[country] || !name || !Number.isFinite(lat) || !Number.isFinite(lng)) continue;
    if (Math.abs(lat) > 90 || Math.abs(lng) > 180) continue;
    const candidates = LANGUAGES[country]!;
    const language = candidates.find((lang) => row[WOF_NAME_COLUMN[lang]!] === name) ?? candidates[0]!;
    localities.push({ wofId: row.wof_id!, country, name, lat, lng, population: Number(row.population) || 0, language });
  }
  localities.sort((a, b) => b.population - a.population || (a.wofId < b.wofId ? -1 : 1));
  return { localities, isCurrentCounts, eligible: localities.length };
}

export interface BenchNetwork {
  _id: Types.ObjectId;
  slug: string;
  language: string;
  name: Record<string, string>;
  description: Record<string, string>;
}

export function benchNetworks(): BenchNetwork[] {
  return ['a', 'b', 'c'].map((letter) => ({
    _id: new Types.ObjectId(),
    slug: `bench-network-${letter}`,
    language: 'en',
    name: { en: `Bench network ${letter.toUpperCase()}` },
    description: { en: 'A network made up for the benchmark.' },
  }));
}

/** The n-th listing (1-based) at a locality. Each vocabulary is cycled with its own stride so values do not correlate. */
export function benchListing(n: number, locality: WofLocality, networks: readonly BenchNetwork[]) {
  const type = LOCATION_TYPES[n % LOCATION_TYPES.length]!;
  const facilityCount = 3 + (n % 4);
  const facilities: Facility[] = [];
  for (let k = 0; k < facilityCount; k += 1) facilities.push(FACILITIES[(n * 5 + k) % FACILITIES.length]!);
  const name = `Bench desk ${n} · ${locality.name}`;
  return {
    slug: slugify(name),
    language: locality.language,
    name: { [locality.language]: name },
    description: {},
    type,
    model: {
      governance: GOVERNANCES[n % GOVERNANCES.length]!,
      openness: OPENNESS[Math.floor(n / 3) % OPENNESS.length]!,
      spaceKind: type === 'coworking' ? SPACE_KINDS[0] : SPACE_KINDS[Math.floor(n / 5) % SPACE_KINDS.length]!,
    },
    address: { locality: locality.name, countryCode: locality.country },
    coordinates: { lat: locality.lat, lng: locality.lng, approximate: true },
    ...(n % OPENING_HOURS_EVERY === 0
      ? { openingHours: OPENING_HOURS[Math.floor(n / OPENING_HOURS_EVERY) % OPENING_HOURS.length]! }
      : {}),
    timeZone: TIME_ZONES[locality.country]!,
    facilities,
    capacity: { desks: 4 + (n % 37) },
    tariffs: [],
    status: 'published' as const,
    network: networks[n % networks.length]!._id,
    source: { ...WOF_SOURCE, recordId: `wof:${locality.wofId}` },
  };
}

export type BenchListing = ReturnType<typeof benchListing>;

/** `count` listings, cycling through the localities when there are fewer of them. */
export function benchListings(count: number, localities: readonly WofLocality[], networks: readonly BenchNetwork[]) {
  if (localities.length === 0) throw new Error('no WOF localities to place listings at');
  return Array.from({ length: count }, (_, i) => benchListing(i + 1, localities[i % localities.length]!, networks));
}
