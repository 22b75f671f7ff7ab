// What the in-memory directory keeps of a published location: enough to filter, cluster and list it.
import { pickText } from '../i18n/content-text.js';
import type { LanguageMap } from '../shared/db/language-map.js';
import { foldText, tokenize } from '../shared/text/normalize.js';
import { sharedOpeningHours, type ParsedOpeningHours } from '../locations/opening-hours.js';

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
  openingHours?: ParsedOpeningHours;
  /** Distinct folded words of every language, the address and the place's names. */
  tokens: readonly string[];
  updatedAt: number;
}

// A hundred thousand entries repeat a few dozen values (types, countries, time zones, network ids); strings read from
// the database are separate copies, so each is kept once. The vocabularies are small and bounded by the data model.
const vocabulary = new Map<string, string>();
const once = (value: string): string => {
  const known = vocabulary.get(value);
  if (known !== undefined) return known;
  vocabulary.set(value, value);
  return value;
};

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

  let openingHours: ParsedOpeningHours | undefined;
  if (doc.openingHours) {
    try {
      openingHours = sharedOpeningHours(doc.openingHours, doc.address.countryCode, doc.coordinates);
    } catch {
      // Stored hours that no longer parse (a newer library version, say) make the place "unknown", not an error.
      openingHours = undefined;
    }
  }
  const ownName = pickText(doc.name, doc.language, doc.language)?.text ?? doc.slug;
  return {
    id: doc._id.toString(),
    slug: doc.slug,
    language: once(doc.language),
    name: doc.name,
    sortKey: foldText(ownName),
    type: once(doc.type),
    governance: once(doc.model.governance),
    openness: once(doc.model.openness),
    spaceKind: once(doc.model.spaceKind),
    countryCode: once(doc.address.countryCode),
    locality: doc.address.locality,
    lat: doc.coordinates.lat,
    lng: doc.coordinates.lng,
    approximate: Boolean(doc.coordinates.approximate),
    facilities: facilitySet(doc.facilities),
    networkId: once(doc.network.toString()),
    networkSlug: once(networkSlug),
    timeZone: once(doc.timeZone),
    ...(openingHours ? { openingHours } : {}),
    tokens: [...words],
    updatedAt: doc.updatedAt.getTime(),
  };
}
