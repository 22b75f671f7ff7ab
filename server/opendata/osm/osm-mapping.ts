// One OpenStreetMap element as a Passerelle location: the tags mappers write, mapped to our fields. Pure.
import type { LocationType, SourcedFields, SourceInfo } from '../../locations/index.ts';
import { defaultTimeZone } from '../../locations/index.ts';
import { webAddress } from '../../shared/http/schema-fields.ts';
import type { OverpassElement } from './overpass.schemas.ts';

export const OSM_SOURCE: SourceInfo = {
  name: 'OpenStreetMap',
  url: 'https://www.openstreetmap.org/copyright',
  licence: 'ODbL 1.0 (Open Database License)',
  attribution: '© OpenStreetMap contributors',
  recordUrl: (recordId) => `https://www.openstreetmap.org/${recordId}`,
};

/** What a network's import assumes where an element says nothing: its language and country. */
export interface OsmDefaults {
  language: string;
  countryCode?: string;
}

export type OsmMapped =
  { ok: true; recordId: string; fields: SourcedFields } | { ok: false; recordId: string; reasons: string[] };

/** The kinds of place imported, by tag, and what they are here. */
function kindOf(tags: Record<string, string>): { type: LocationType; spaceKind: string } | undefined {
  if (tags.amenity === 'coworking_space' || tags.office === 'coworking') {
    return { type: 'coworking', spaceKind: 'shared-workspace' };
  }
  if (tags.amenity === 'community_centre') return { type: 'village-hall', spaceKind: 'third-place' };
  if (tags.leisure === 'hackerspace') return { type: 'fablab', spaceKind: 'third-place' };
  return undefined;
}

/** A mapper's website value: with or without its scheme, sometimes several separated by `;` (the first is kept). */
export function osmWebsite(value: string | undefined): string | undefined {
  const first = value?.split(';')[0]?.trim();
  if (!first) return undefined;
  return webAddress(/^[a-z][a-z0-9+.-]*:/i.test(first) ? first : `https://${first}`);
}

/** The languages a country's names are written in, most used first. */
const COUNTRY_LANGUAGES: Record<string, string[]> = {
  BE: ['nl', 'fr', 'de'],
  NL: ['nl'],
  FR: ['fr'],
  DE: ['de'],
  AT: ['de'],
  CH: ['de', 'fr', 'it'],
  LU: ['lb', 'fr', 'de'],
  ES: ['es'],
  IT: ['it'],
  PT: ['pt'],
  GB: ['en'],
  IE: ['en'],
};

/**
 * The language of the plain `name` (OSM's local name): the one its `name:xx` twin says, else the network's, else the
 * country's first one not named otherwise ("Ateljee Gent" beside `name:fr=Atelier Gand` in Belgium is Dutch).
 */
function localLanguage(tags: Record<string, string>, network: string, countryCode: string): string {
  const plain = tags.name?.trim();
  const twin = Object.entries(tags).find(([tag, value]) => /^name:[a-z]{2,3}$/.test(tag) && value.trim() === plain);
  if (twin) return twin[0].slice('name:'.length);
  const local = COUNTRY_LANGUAGES[countryCode] ?? [network];
  if (local.includes(network) && !tags[`name:${network}`]) return network;
  return local.find((l) => !tags[`name:${l}`]) ?? network;
}

/** Text per language from `key` and `key:xx`; the plain key is in the element's local language. */
function languageMap(tags: Record<string, string>, key: string, language: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [tag, value] of Object.entries(tags)) {
    const match = new RegExp(`^${key}:([a-z]{2,3})$`).exec(tag);
    if (match && value.trim()) map[match[1]!] = value.trim();
  }
  const plain = tags[key]?.trim();
  if (plain && !map[language]) map[language] = plain;
  return map;
}

/** `addr:street` with its house number, in the order the country writes them. */
function street(tags: Record<string, string>, countryCode: string): string | undefined {
  const name = tags['addr:street'] ?? tags['addr:place'];
  const number = tags['addr:housenumber'];
  if (!name) return undefined;
  if (!number) return name;
  return ['FR', 'LU', 'GB', 'IE'].includes(countryCode) ? `${number} ${name}` : `${name} ${number}`;
}

const YES = new Set(['yes', 'designated', 'limited']);
const INTERNET = new Set(['yes', 'wlan', 'wifi', 'wired', 'terminal']);

function facilities(tags: Record<string, string>): string[] {
  const found: string[] = [];
  if (tags.wheelchair === 'yes' || tags.wheelchair === 'designated') found.push('step-free-access');
  if (INTERNET.has(tags.internet_access ?? '')) found.push('wifi');
  if (YES.has(tags['internet_access:speed'] ?? '')) found.push('fast-internet');
  if (tags.amenity === 'coworking_space' || tags.office === 'coworking') found.push('desks');
  if (tags.leisure === 'hackerspace') found.push('workshop-tools');
  return found;
}

const recordIdOf = (element: OverpassElement) => `${element.type}/${element.id}`;

export function mapOsmElement(element: OverpassElement, defaults: OsmDefaults): OsmMapped {
  const recordId = recordIdOf(element);
  const tags = element.tags ?? {};
  const reasons: string[] = [];
  const kind = kindOf(tags);
  if (!kind) reasons.push('notAPlaceKind');
  const position =
    element.lat !== undefined && element.lon !== undefined ? { lat: element.lat, lon: element.lon } : element.center;
  if (!position) reasons.push('noPosition');
  const countryCode = (tags['addr:country'] ?? defaults.countryCode ?? '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) reasons.push('noCountry');
  const language = localLanguage(tags, defaults.language, countryCode);
  const name = languageMap(tags, 'name', language);
  if (!Object.keys(name).length) reasons.push('noName');
  const locality = tags['addr:city'] ?? tags['addr:town'] ?? tags['addr:village'] ?? tags['addr:hamlet'];
  if (!locality) reasons.push('noLocality');
  if (reasons.length || !kind || !position || !locality) return { ok: false, recordId, reasons };
  const website = osmWebsite(tags['contact:website'] ?? tags.website);
  const email = tags['contact:email'] ?? tags.email;
  const phone = tags['contact:phone'] ?? tags.phone;
  return {
    ok: true,
    recordId,
    fields: {
      language: name[language] ? language : Object.keys(name)[0]!,
      name,
      description: languageMap(tags, 'description', language),
      type: kind.type,
      model: {
        governance: 'third-party',
        openness: tags.access === 'private' || tags.access === 'members' ? 'members-only' : 'public',
        spaceKind: kind.spaceKind,
      },
      address: {
        ...(street(tags, countryCode) ? { street: street(tags, countryCode) } : {}),
        ...(tags['addr:postcode'] ? { postcode: tags['addr:postcode'] } : {}),
        locality,
        countryCode,
      },
      coordinates: { lat: position.lat, lng: position.lon, approximate: false },
      ...(tags.opening_hours?.trim() ? { openingHours: tags.opening_hours.trim() } : {}),
      timeZone: defaultTimeZone(countryCode),
      facilities: facilities(tags),
      contact: {
        ...(website ? { website } : {}),
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
      },
    },
  };
}
