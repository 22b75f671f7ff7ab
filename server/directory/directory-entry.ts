// What the in-memory directory keeps of a published location: enough to filter, cluster and list it.
import { pickText } from '../i18n/content-text.js';
import type { LanguageMap } from '../shared/db/language-map.js';
import { foldText, tokenize } from '../shared/text/normalize.js';
import { parseOpeningHours, type ParsedOpeningHours } from '../locations/opening-hours.js';

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
  facilities: ReadonlySet<string>;
  networkId: string;
  networkSlug: string;
  timeZone: string;
  openingHours?: ParsedOpeningHours;
  tokens: ReadonlySet<string>;
  updatedAt: number;
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
      openingHours = parseOpeningHours(doc.openingHours, doc.address.countryCode, doc.coordinates);
    } catch {
      // Stored hours that no longer parse (a newer library version, say) make the place "unknown", not an error.
      openingHours = undefined;
    }
  }
  const ownName = pickText(doc.name, doc.language, doc.language)?.text ?? doc.slug;
  return {
    id: doc._id.toString(),
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
    approximate: Boolean(doc.coordinates.approximate),
    facilities: new Set(doc.facilities ?? []),
    networkId: doc.network.toString(),
    networkSlug,
    timeZone: doc.timeZone,
    ...(openingHours ? { openingHours } : {}),
    tokens: words,
    updatedAt: doc.updatedAt.getTime(),
  };
}
