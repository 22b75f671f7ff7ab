// What the in-memory directory keeps of a published location: enough to filter, cluster and list it.
import { pickText } from '../../shared/i18n/content-text.js';
import type { LanguageMap } from '../../shared/db/language-map.js';
import { foldText, tokenize } from '../../shared/text/normalize.js';
import { sharedOpeningHours, type ParsedOpeningHours } from '../../locations/opening-hours.js';
import { IndexedEntry, sharedProfile } from './indexed-entry.js';

export interface DirectoryEntry {
  id: string;
  slug: string;
  language: string;
  name: LanguageMap;
  /** Folded name in the record's language: the list's sort key. */
  sortKey: string;
  type: string;
  governance: string;
  openness: string;
  spaceKind: string;
  countryCode: string;
  locality: string;
  lat: number;
  lng: number;
  approximate: boolean;
  /** Shared between entries with the same facilities. */
  facilities: ReadonlySet<string>;
  networkId: string;
  networkSlug: string;
  timeZone: string;
  /** The stored OSM value, and its parse (absent when it no longer parses). */
  openingHoursValue?: string;
  openingHours?: ParsedOpeningHours;
  /** Distinct folded words of every language, the address and the place's names. */
  tokens: readonly string[];
  updatedAt: number;
}

/** Gives back the first copy seen of each distinct string: equal strings read from the database are separate copies. */
export function interner(): (value: string) => string {
  const known = new Map<string, string>();
  return (value) => {
    const first = known.get(value);
    if (first !== undefined) return first;
    known.set(value, value);
    return value;
  };
}

/**
 * The id as one flat string. bson builds an ObjectId's hex by adding up twelve two-digit pieces, which V8 keeps as a
 * tree of concatenations: 226 bytes an entry instead of 40, 18 MB for 100,000 listings read from the database.
 */
const flatId = (id: { toString(): string }) => Buffer.from(id.toString()).toString();

const facilitySets = new Map<string, ReadonlySet<string>>();
function facilitySet(facilities: readonly string[] | undefined): ReadonlySet<string> {
  const key = [...new Set(facilities ?? [])].sort().join(' ');
  let set = facilitySets.get(key);
  if (!set) {
    set = new Set(key ? key.split(' ') : []);
    facilitySets.set(key, set);
  }
  return set;
}

/** The fields of a stored location that the directory reads. */
export interface DirectorySource {
  _id: { toString(): string };
  slug: string;
  language: string;
  name: LanguageMap;
  description?: LanguageMap;
  type: string;
  model: { governance: string; openness: string; spaceKind: string };
  address: { locality: string; countryCode: string; street?: string | null; postcode?: string | null };
  coordinates: { lat: number; lng: number; approximate?: boolean | null };
  facilities?: string[];
  openingHours?: string | null;
  timeZone: string;
  network: { toString(): string };
  updatedAt: Date;
}

export function toDirectoryEntry(
  doc: DirectorySource,
  networkSlug: string,
  placeAliases: (countryCode: string, locality: string) => string[],
  word?: (token: string) => string,
): DirectoryEntry {
  const words = new Set<string>();
  const add = (text: string | undefined | null) => {
    if (text) for (const token of tokenize(text)) words.add(token);
  };
  for (const text of Object.values(doc.name)) add(text);
  for (const text of Object.values(doc.description ?? {})) add(text);
  add(doc.address.locality);
  add(doc.address.street);
  add(doc.address.postcode);
  for (const alias of placeAliases(doc.address.countryCode, doc.address.locality)) add(alias);

  const ownName = pickText(doc.name, doc.language, doc.language)?.text ?? doc.slug;
  return entryFromRecord(
    [
      flatId(doc._id),
      doc.slug,
      doc.language,
      doc.name,
      foldText(ownName),
      doc.type,
      doc.model.governance,
      doc.model.openness,
      doc.model.spaceKind,
      doc.address.countryCode,
      doc.address.locality,
      doc.coordinates.lat,
      doc.coordinates.lng,
      doc.coordinates.approximate ? 1 : 0,
      doc.facilities ?? [],
      doc.network.toString(),
      doc.timeZone,
      doc.openingHours ?? null,
      [...words],
      doc.updatedAt.getTime(),
    ],
    networkSlug,
    word,
  );
}

/**
 * An entry as plain JSON, for the read-model checkpoint (see checkpoint.ts): all but what is derived again on
 * reading (parsed opening hours, shared sets) and the network's slug (networks are read afresh).
 */
export type EntryRecord = [
  id: string,
  slug: string,
  language: string,
  name: LanguageMap,
  sortKey: string,
  type: string,
  governance: string,
  openness: string,
  spaceKind: string,
  countryCode: string,
  locality: string,
  lat: number,
  lng: number,
  approximate: 0 | 1,
  facilities: readonly string[],
  networkId: string,
  timeZone: string,
  openingHours: string | null,
  tokens: readonly string[],
  updatedAt: number,
];

export const recordNetworkId = (record: EntryRecord): string => record[15];

export function entryRecord(e: DirectoryEntry): EntryRecord {
  return [
    e.id,
    e.slug,
    e.language,
    e.name,
    e.sortKey,
    e.type,
    e.governance,
    e.openness,
    e.spaceKind,
    e.countryCode,
    e.locality,
    e.lat,
    e.lng,
    e.approximate ? 1 : 0,
    [...e.facilities],
    e.networkId,
    e.timeZone,
    e.openingHoursValue ?? null,
    e.tokens,
    e.updatedAt,
  ];
}

function parsedHours(value: string, countryCode: string, at: { lat: number; lng: number }, timeZone: string) {
  try {
    return sharedOpeningHours(value, countryCode, at, timeZone);
  } catch {
    // Stored hours that no longer parse (a newer library version, say) make the place "unknown", not an error.
    return undefined;
  }
}

/**
 * `word`, when given, replaces each token, the locality and the opening hours by one shared copy. A build (from the
 * listings or the checkpoint) passes an interner that lives as long as the build: 100,000 listings have about 470,000
 * tokens but 170,000 distinct ones, and the index keeps every entry's tokens, while words of listings removed later
 * are not held for ever.
 */
export function entryFromRecord(
  record: EntryRecord,
  networkSlug: string,
  word?: (token: string) => string,
): DirectoryEntry {
  const [id, slug, language, name, sortKey, type, governance, openness, spaceKind, countryCode, locality] = record;
  const [, , , , , , , , , , , lat, lng, approximate, facilities, networkId, timeZone, storedHours, tokens, updatedAt] =
    record;
  const hours = storedHours && word ? word(storedHours) : storedHours;
  const openingHours = hours ? parsedHours(hours, countryCode, { lat, lng }, timeZone) : undefined;
  const profile = sharedProfile({
    language,
    type,
    governance,
    openness,
    spaceKind,
    countryCode,
    networkId,
    networkSlug,
    timeZone,
  });
  return new IndexedEntry(
    id,
    slug,
    name,
    sortKey,
    word ? word(locality) : locality,
    lat,
    lng,
    approximate === 1,
    facilitySet(facilities),
    profile,
    hours || undefined,
    openingHours,
    word ? tokens.map(word) : tokens,
    updatedAt,
  );
}
