// The place-name alias table (from Who's On First): every name a locality or region goes by, so "Luik" finds places in
// Liège, and the name a reader of each language knows it by, so a Dutch reader sees "Luik".
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tokenize } from '../../shared/text/normalize.ts';

export interface NamedLocality {
  wofId: string;
  countryCode: string;
  /** The locality's names, its default name first. */
  names: string[];
  lat: number;
  lng: number;
  /** The name a reader of each language knows it by, where WOF has one. */
  readerNames?: Partial<Record<string, string>>;
}

/** The languages whose readers' names the table holds (its columns `name_<lang>`). */
const READER_LANGUAGES = ['nl', 'fr', 'de', 'en'];

export interface PlaceNameTable {
  /**
   * All names of the locality (or, failing one, the region) so named in that country; empty when the table does not
   * know it.
   */
  aliasesFor(countryCode: string, locality: string): string[];
  /**
   * The name a reader of `lang` knows the locality so named by, where it differs from `locality` by more than accents
   * and case ("Luik" for a Dutch reader of "Liège"); otherwise `locality` itself.
   */
  readerName(countryCode: string, locality: string, lang: string): string;
  /** Every locality, in any country, that goes by this name in any language; the likeliest first. */
  localitiesNamed(name: string): NamedLocality[];
  /** Changes with the table's content: words indexed with another table must be indexed again. */
  fingerprint: string;
}

const TABLE_FILE = new URL('../data/place-names.tsv', import.meta.url);

// Folded and tokenised, so accents, case, hyphens and apostrophes do not matter: "Saint-Lizier" = "saint lizier".
const nameKey = (name: string) => tokenize(name).join(' ');

const copy = (locality: NamedLocality): NamedLocality => ({
  ...locality,
  names: [...locality.names],
  readerNames: { ...locality.readerNames },
});

/** Builds the table from the TSV text; lines come in order of preference, so the first place of a name wins. */
export function parsePlaceNames(text: string): PlaceNameTable {
  const byCountry = new Map<string, Map<string, NamedLocality>>();
  const regionsByCountry = new Map<string, Map<string, NamedLocality>>();
  const byName = new Map<string, NamedLocality[]>();
  const [header = '', ...lines] = text.split('\n');
  const column = (name: string) => header.split('\t').indexOf(name);
  const [countryAt, wofAt, latAt, lonAt, namesAt, typeAt] = [
    'country',
    'wof_id',
    'lat',
    'lon',
    'names',
    'placetype',
  ].map(column);
  const readerAt = READER_LANGUAGES.map((lang) => [lang, column(`name_${lang}`)] as const);
  for (const line of lines) {
    const fields = line.split('\t');
    const [countryCode, wofId, joinedNames] = [fields[countryAt!], fields[wofAt!], fields[namesAt!]];
    if (!countryCode || !wofId || !joinedNames) continue;
    const names = joinedNames.split('|');
    const readerNames: Partial<Record<string, string>> = {};
    for (const [lang, at] of readerAt) {
      const name = names[Number(fields[at] || -1)];
      if (at >= 0 && name !== undefined) readerNames[lang] = name;
    }
    const locality: NamedLocality = {
      wofId,
      countryCode,
      names,
      lat: Number(fields[latAt!]),
      lng: Number(fields[lonAt!]),
      readerNames,
    };
    const isRegion = fields[typeAt!] === 'region';
    const table = isRegion ? regionsByCountry : byCountry;
    const inCountry = table.get(countryCode) ?? new Map<string, NamedLocality>();
    table.set(countryCode, inCountry);
    for (const key of new Set(locality.names.map(nameKey))) {
      if (key === '') continue;
      if (!inCountry.has(key)) inCountry.set(key, locality);
      if (isRegion) continue;
      const named = byName.get(key);
      if (named) named.push(locality);
      else byName.set(key, [locality]);
    }
  }
  /** One lookup per distinct locality and language: the map's places ask for the same few names over and over. */
  const readerNameCache = new Map<string, string>();
  return {
    fingerprint: createHash('sha256').update(text).digest('hex').slice(0, 16),
    aliasesFor(countryCode, locality) {
      const country = countryCode.toUpperCase();
      const key = nameKey(locality);
      const found = byCountry.get(country)?.get(key) ?? regionsByCountry.get(country)?.get(key);
      return found ? [...found.names] : [];
    },
    readerName(countryCode, locality, lang) {
      const cacheKey = `${countryCode}\t${lang}\t${locality}`;
      let name = readerNameCache.get(cacheKey);
      if (name === undefined) {
        const key = nameKey(locality);
        const known = byCountry.get(countryCode.toUpperCase())?.get(key)?.readerNames?.[lang];
        name = known !== undefined && nameKey(known) !== key ? known : locality;
        readerNameCache.set(cacheKey, name);
      }
      return name;
    },
    localitiesNamed(name) {
      return (byName.get(nameKey(name)) ?? []).map(copy);
    },
  };
}

/**
 * One parse of the committed table for the whole process: it never changes and answers copies, so engines cannot
 * affect each other through it, and parsing it again for every engine would only cost time. An engine indexes with
 * whichever table it is given (createDirectory's `placeNames`).
 */
let table: PlaceNameTable | undefined;

/** The alias table, read from disk on first use. */
export function loadPlaceNames(): PlaceNameTable {
  table ??= parsePlaceNames(readFileSync(TABLE_FILE, 'utf8'));
  return table;
}
