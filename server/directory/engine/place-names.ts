// The place-name alias table (from Who's On First): every name a locality goes by, so "Luik" finds places in Liège.
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
}

export interface PlaceNameTable {
  /** All names of the locality so named in that country; empty when the table does not know it. */
  aliasesFor(countryCode: string, locality: string): string[];
  /** Every locality, in any country, that goes by this name in any language; the likeliest first. */
  localitiesNamed(name: string): NamedLocality[];
  /** Changes with the table's content: words indexed with another table must be indexed again. */
  fingerprint: string;
}

const TABLE_FILE = new URL('../data/place-names.tsv', import.meta.url);

// Folded and tokenised, so accents, case, hyphens and apostrophes do not matter: "Saint-Lizier" = "saint lizier".
const nameKey = (name: string) => tokenize(name).join(' ');

const copy = (locality: NamedLocality): NamedLocality => ({ ...locality, names: [...locality.names] });

/** Builds the table from the TSV text; lines come in order of preference, so the first locality of a name wins. */
export function parsePlaceNames(text: string): PlaceNameTable {
  const byCountry = new Map<string, Map<string, NamedLocality>>();
  const byName = new Map<string, NamedLocality[]>();
  for (const line of text.split('\n')) {
    const [countryCode, wofId, lat, lon, joinedNames] = line.split('\t');
    if (!countryCode || !wofId || !joinedNames || countryCode === 'country') continue;
    const locality: NamedLocality = {
      wofId,
      countryCode,
      names: joinedNames.split('|'),
      lat: Number(lat),
      lng: Number(lon),
    };
    const inCountry = byCountry.get(countryCode) ?? new Map<string, NamedLocality>();
    byCountry.set(countryCode, inCountry);
    for (const key of new Set(locality.names.map(nameKey))) {
      if (key === '') continue;
      if (!inCountry.has(key)) inCountry.set(key, locality);
      const named = byName.get(key);
      if (named) named.push(locality);
      else byName.set(key, [locality]);
    }
  }
  return {
    fingerprint: createHash('sha256').update(text).digest('hex').slice(0, 16),
    aliasesFor(countryCode, locality) {
      const found = byCountry.get(countryCode.toUpperCase())?.get(nameKey(locality));
      return found ? [...found.names] : [];
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
