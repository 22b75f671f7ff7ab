// Columns of a spreadsheet mapped to a location's fields, and each row read through that mapping into a record or
// the list of what is wrong with it. Pure.
import type { LocationType, SourcedRecord } from '../../locations/index.ts';
import { defaultTimeZone, LOCATION_TYPES, openingHoursProblem } from '../../locations/index.ts';
import { webAddress } from '../../shared/http/schema-fields.ts';
import { foldText, slugify } from '../../shared/text/normalize.ts';
import { convertHoursText } from './hours-text.ts';

export const MAPPED_FIELDS = [
  'recordId',
  'name',
  'description',
  'type',
  'street',
  'postcode',
  'locality',
  'countryCode',
  'lat',
  'lng',
  'openingHours',
  'website',
  'email',
  'phone',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];

/** Which column (by index) fills each field; absent when none does. */
export type ColumnMapping = Partial<Record<MappedField, number>>;

export interface MappingSettings {
  mapping: ColumnMapping;
  /** The language the name and description columns are written in. */
  language: string;
  defaultType: LocationType;
  defaultCountry?: string;
}

/** Header words that name each field, folded, in the languages spreadsheets here are written in. */
const HEADER_WORDS: Record<MappedField, string[]> = {
  recordId: ['id', 'identifiant', 'ref', 'reference', 'code'],
  name: ['name', 'nom', 'naam', 'nom_tl', 'titel', 'title'],
  description: ['description', 'beschrijving', 'beschreibung', 'omschrijving'],
  type: ['type', 'typo', 'typologie', 'soort', 'art', 'kind'],
  street: ['street', 'address', 'adresse', 'adres', 'rue', 'straat', 'strasse'],
  postcode: ['postcode', 'cp', 'code_postal', 'zip', 'postal_code', 'plz', 'postleitzahl'],
  locality: [
    'locality',
    'city',
    'town',
    'ville',
    'commune',
    'nomcom',
    'plaats',
    'gemeente',
    'ort',
    'stadt',
    'woonplaats',
  ],
  countryCode: ['country', 'pays', 'land', 'country_code'],
  lat: ['lat', 'latitude', 'breitengrad', 'breedtegraad', 'y'],
  lng: ['lng', 'lon', 'long', 'longitude', 'laengengrad', 'lengtegraad', 'x'],
  openingHours: ['opening_hours', 'hours', 'horaires', 'openingstijden', 'openingsuren', 'oeffnungszeiten'],
  website: ['website', 'web', 'site', 'site_web', 'url', 'webseite'],
  email: ['email', 'e-mail', 'mail', 'courriel'],
  phone: ['phone', 'telephone', 'tel', 'telefoon', 'telefon'],
};

const headerKey = (header: string) => foldText(header).replace(/[\s-]+/g, '_');

/** A first mapping from the header names; the manager corrects it on the preview page. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  for (const field of MAPPED_FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && HEADER_WORDS[field].includes(headerKey(h)));
    if (index >= 0) {
      mapping[field] = index;
      used.add(index);
    }
  }
  return mapping;
}

/** Our type for a spreadsheet's type text ("Tiers lieux à dominante coworking", "dorpshuis"), if it names one. */
export function typeFromText(text: string): LocationType | undefined {
  const folded = foldText(text);
  if (!folded) return undefined;
  if ((LOCATION_TYPES as readonly string[]).includes(folded)) return folded as LocationType;
  if (folded.includes('cowork')) return 'coworking';
  if (/fablab|fab lab|hackerspace|makerspace|atelier partage/.test(folded)) return 'fablab';
  if (/dorpshuis|village|salle communale|gemeinschaftshaus|buurthuis/.test(folded)) return 'village-hall';
  if (/meeting|reunion|vergader|tagung/.test(folded)) return 'meeting-space';
  if (/tiers|third|derde|dritter/.test(folded)) return 'third-place';
  return undefined;
}

export interface RowProblem {
  field: MappedField | 'row';
  key: string;
}

export interface ReadRow {
  /** 1-based, counting the header as row 1, as a spreadsheet numbers it. */
  row: number;
  record?: SourcedRecord;
  problems: RowProblem[];
  /** Hours written as text and read as OpenStreetMap syntax, for the manager to confirm. */
  hours?: { written: string; converted?: string };
}

/** A spreadsheet runs a cell that starts like a formula: text that does is refused, numbers and phone numbers not. */
export const looksLikeFormula = (value: string) => /^[=@]/.test(value) || /^[+-][^\d\s.]/.test(value);

const TEXT_FIELDS: MappedField[] = [
  'recordId',
  'name',
  'description',
  'type',
  'street',
  'postcode',
  'locality',
  'countryCode',
  'openingHours',
  'website',
  'email',
  'phone',
];

function coordinate(value: string, limit: number): number | undefined {
  const number = Number(value.replace(',', '.'));
  return value !== '' && Number.isFinite(number) && Math.abs(number) <= limit ? number : undefined;
}

function hoursOf(written: string, countryCode: string): { value: string; converted?: string } {
  const converted = convertHoursText(written);
  if (converted && !openingHoursProblem(converted, countryCode)) return { value: converted, converted };
  // Kept as written: OSM syntax already, or text the page shows as the place wrote it.
  return { value: written };
}

export function readRow(cells: readonly string[], index: number, settings: MappingSettings): ReadRow {
  const row = index + 2;
  const cell = (field: MappedField) => {
    const column = settings.mapping[field];
    return column === undefined ? '' : (cells[column] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  for (const field of TEXT_FIELDS) if (looksLikeFormula(cell(field))) problems.push({ field, key: 'formula' });
  const name = cell('name');
  if (!name) problems.push({ field: 'name', key: 'missing' });
  const locality = cell('locality');
  if (!locality) problems.push({ field: 'locality', key: 'missing' });
  const lat = coordinate(cell('lat'), 90);
  if (lat === undefined) problems.push({ field: 'lat', key: 'coordinate' });
  const lng = coordinate(cell('lng'), 180);
  if (lng === undefined) problems.push({ field: 'lng', key: 'coordinate' });
  const countryCode = (cell('countryCode') || settings.defaultCountry || '').toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) problems.push({ field: 'countryCode', key: 'country' });
  const typeText = cell('type');
  const type = typeText ? typeFromText(typeText) : settings.defaultType;
  if (!type) problems.push({ field: 'type', key: 'type' });
  const written = cell('openingHours');
  const hours = written ? hoursOf(written, countryCode) : undefined;
  if (problems.length || !type || lat === undefined || lng === undefined) {
    return { row, problems, ...(written ? { hours: { written } } : {}) };
  }
  const websiteText = cell('website');
  const website = websiteText
    ? webAddress(/^[a-z][a-z0-9+.-]*:/i.test(websiteText) ? websiteText : `https://${websiteText}`)
    : undefined;
  const description = cell('description');
  const record: SourcedRecord = {
    recordId: cell('recordId') || slugify(`${name} ${locality}`),
    position: row,
    fields: {
      language: settings.language,
      name: { [settings.language]: name },
      description: description ? { [settings.language]: description } : {},
      type,
      model: {
        governance: 'third-party',
        openness: 'public',
        spaceKind: type === 'coworking' || type === 'meeting-space' ? 'shared-workspace' : 'third-place',
      },
      address: {
        ...(cell('street') ? { street: cell('street') } : {}),
        ...(cell('postcode') ? { postcode: cell('postcode') } : {}),
        locality,
        countryCode,
      },
      coordinates: { lat, lng, approximate: false },
      ...(hours ? { openingHours: hours.value } : {}),
      timeZone: defaultTimeZone(countryCode),
      facilities: [],
      contact: {
        ...(website ? { website } : {}),
        ...(cell('email') ? { email: cell('email') } : {}),
        ...(cell('phone') ? { phone: cell('phone') } : {}),
      },
    },
  };
  return {
    row,
    record,
    problems,
    ...(hours ? { hours: { written, ...(hours.converted ? { converted: hours.converted } : {}) } } : {}),
  };
}
