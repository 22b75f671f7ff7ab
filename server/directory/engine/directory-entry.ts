// What the in-memory directory keeps of a published location: enough to filter, cluster and list it.
import { pickText } from '../../shared/i18n/content-text.ts';
import type { LanguageMap } from '../../shared/db/language-map.ts';
import { foldText, tokenize } from '../../shared/text/normalize.ts';
import { holidayRegionOf, sharedOpeningHours, type ParsedOpeningHours, type PhotoRef } from '../../locations/index.ts';
import { IndexedEntry, type SharedValues } from './indexed-entry.ts';

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
  /** The region whose holidays the opening hours follow ('' unless they may name holidays and a region is given). */
  holidayRegion: string;
  /** The stored OSM value, and its parse (absent when it no longer parses). */
  openingHoursValue?: string;
  openingHours?: ParsedOpeningHours;
  /**
   * Distinct folded words of every language, the address and the place's names: first those of the name, the locality
   * and the region (in every language WOF knows them in), then the description's, street's and postcode's.
   */
  tokens: readonly string[];
  /** How many of `tokens` come first as words of the name, locality or region: matches there rank higher. */
  primaryTokens: number;
  updatedAt: number;
  /** The first photo, shown in the list and the map's popup. */
  photo: PhotoRef | null;
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
 * tree of concatenations, several times the flat string's size (BENCHMARKS.md has the directory's memory).
 */
const flatId = (id: { toString(): string }) => Buffer.from(id.toString()).toString();

/** The fields of a stored location that the directory reads. */
export interface DirectorySource {
  _id: { toString(): string };
  slug: string;
  language: string;
  name: LanguageMap;
  description?: LanguageMap;
  type: string;
  model: { governance: string; openness: string; spaceKind: string };
  address: {
    locality: string;
    countryCode: string;
    street?: string | null;
    postcode?: string | null;
    region?: string | null;
  };
  coordinates: { lat: number; lng: number; approximate?: boolean | null };
  facilities?: string[];
  openingHours?: string | null;
  timeZone: string;
  network: { toString(): string };
  updatedAt: Date;
  photos?: { id: string; widths: number[] }[] | null;
}

/**
 * What an entry stores, field by field, each as plain JSON read from the entry: all but what is derived again on
 * reading (parsed opening hours, shared sets) and the network's slug (networks are read afresh). The stored shape
 * (`StoredEntry`) and the checkpoint's records (`EntryRecord`: these values in this order, without the names) both
 * follow from this list, so a new field is added here, at the end, with ENTRY_FORMAT bumped.
 */
const STORED_FIELDS = {
  id: (e) => e.id,
  slug: (e) => e.slug,
  language: (e) => e.language,
  name: (e) => e.name,
  sortKey: (e) => e.sortKey,
  type: (e) => e.type,
  governance: (e) => e.governance,
  openness: (e) => e.openness,
  spaceKind: (e) => e.spaceKind,
  countryCode: (e) => e.countryCode,
  locality: (e) => e.locality,
  lat: (e) => e.lat,
  lng: (e) => e.lng,
  approximate: (e): 0 | 1 => (e.approximate ? 1 : 0),
  facilities: (e): readonly string[] => [...e.facilities],
  networkId: (e) => e.networkId,
  timeZone: (e) => e.timeZone,
  openingHours: (e): string | null => e.openingHoursValue ?? null,
  tokens: (e) => e.tokens,
  updatedAt: (e) => e.updatedAt,
  holidayRegion: (e) => e.holidayRegion,
  primaryTokens: (e) => e.primaryTokens,
  photo: (e): PhotoRef | null => e.photo,
} satisfies Record<string, (e: DirectoryEntry) => unknown>;

/**
 * Bump when STORED_FIELDS or how an entry's words are made change: checkpoints written in another format are then
 * ignored, and a starting server builds from the listings.
 */
export const ENTRY_FORMAT = 4;

/** An entry as stored: its fields by name. */
export type StoredEntry = { [K in keyof typeof STORED_FIELDS]: ReturnType<(typeof STORED_FIELDS)[K]> };

/** An entry as the checkpoint writes it: the values of its stored fields, in the order of STORED_FIELDS. */
export type EntryRecord = readonly StoredEntry[keyof StoredEntry][];

const FIELD_NAMES = Object.keys(STORED_FIELDS) as (keyof StoredEntry)[];

export function entryRecord(e: DirectoryEntry): EntryRecord {
  return FIELD_NAMES.map((name) => STORED_FIELDS[name](e));
}

/** The stored fields of a checkpoint record, by name. */
export function storedEntry(record: EntryRecord): StoredEntry {
  const stored: Record<string, unknown> = {};
  FIELD_NAMES.forEach((name, i) => {
    stored[name] = record[i];
  });
  return stored as StoredEntry;
}

/** How entries are made for one engine: the values they share and, during a build, one copy of each word. */
export interface EntryMaking {
  shared: SharedValues;
  /**
   * Replaces each token, the locality and the opening hours by one shared copy. A build (from the listings or the
   * checkpoint) passes an interner that lives as long as the build: listings share most of their words, and the
   * index keeps every entry's tokens, while words of listings removed later are not held for ever.
   */
  word?: (token: string) => string;
}

/** The first photo's id and widths: what the list and the popup need to name its files. */
function firstPhoto(photos: DirectorySource['photos']): PhotoRef | null {
  const first = photos?.[0];
  return first ? { id: first.id, widths: [...first.widths] } : null;
}

export function toDirectoryEntry(
  doc: DirectorySource,
  networkSlug: string,
  placeAliases: (countryCode: string, locality: string) => string[],
  making: EntryMaking,
): DirectoryEntry {
  const words = new Set<string>();
  const add = (text: string | undefined | null) => {
    if (text) for (const token of tokenize(text)) words.add(token);
  };
  const { countryCode, locality, region } = doc.address;
  for (const text of Object.values(doc.name)) add(text);
  add(locality);
  for (const alias of placeAliases(countryCode, locality)) add(alias);
  add(region);
  if (region) for (const alias of placeAliases(countryCode, region)) add(alias);
  const primaryTokens = words.size;
  for (const text of Object.values(doc.description ?? {})) add(text);
  add(doc.address.street);
  add(doc.address.postcode);

  const ownName = pickText(doc.name, doc.language, doc.language)?.text ?? doc.slug;
  return entryFromStored(
    {
      id: flatId(doc._id),
      slug: doc.slug,
      language: doc.language,
      name: doc.name,
      sortKey: foldText(ownName),
      type: doc.type,
      governance: doc.model.governance,
      openness: doc.model.openness,
      spaceKind: doc.model.spaceKind,
      countryCode: doc.address.countryCode,
      locality: doc.address.locality,
      lat: doc.coordinates.lat,
      lng: doc.coordinates.lng,
      approximate: doc.coordinates.approximate ? 1 : 0,
      facilities: doc.facilities ?? [],
      networkId: doc.network.toString(),
      timeZone: doc.timeZone,
      openingHours: doc.openingHours ?? null,
      tokens: [...words],
      updatedAt: doc.updatedAt.getTime(),
      holidayRegion: doc.openingHours ? holidayRegionOf(doc.openingHours, doc.address.region) : '',
      primaryTokens,
      photo: firstPhoto(doc.photos),
    },
    networkSlug,
    making,
  );
}

function parsedHours(
  value: string,
  countryCode: string,
  at: { lat: number; lng: number },
  timeZone: string,
  holidayRegion: string,
) {
  try {
    return sharedOpeningHours(value, countryCode, at, timeZone, holidayRegion);
  } catch {
    // Stored hours that no longer parse (a newer library version, say) make the place "unknown", not an error.
    return undefined;
  }
}

/** The entry of a stored location, in the network now named `networkSlug`. */
export function entryFromStored(
  stored: StoredEntry,
  networkSlug: string,
  { shared, word }: EntryMaking,
): DirectoryEntry {
  const { language, type, governance, openness, spaceKind, countryCode, networkId, timeZone, lat, lng } = stored;
  const { holidayRegion } = stored;
  const hours = stored.openingHours && word ? word(stored.openingHours) : stored.openingHours;
  const openingHours = hours ? parsedHours(hours, countryCode, { lat, lng }, timeZone, holidayRegion) : undefined;
  const profile = shared.profile({
    language,
    type,
    governance,
    openness,
    spaceKind,
    countryCode,
    networkId,
    networkSlug,
    timeZone,
    holidayRegion,
  });
  return new IndexedEntry(
    stored.id,
    stored.slug,
    stored.name,
    stored.sortKey,
    word ? word(stored.locality) : stored.locality,
    lat,
    lng,
    stored.approximate === 1,
    shared.facilities(stored.facilities),
    profile,
    hours || undefined,
    openingHours,
    word ? stored.tokens.map(word) : stored.tokens,
    stored.primaryTokens,
    stored.updatedAt,
    stored.photo,
  );
}
