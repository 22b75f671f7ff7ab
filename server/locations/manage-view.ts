// Beside the /manage data: the opening-hours preview, the editor's choices, how the error summary names fields.
import type { TFunction } from 'i18next';
import { type HoursView, hoursView } from './location.service.ts';
import type { Location } from './location.model.ts';
import { openingHoursProblem, type OpeningHoursProblem } from './opening-hours.ts';
import type { Formatters } from '../shared/i18n/formatters.ts';
import {
  FACILITIES,
  GOVERNANCES,
  LOCATION_TYPES,
  OPENNESS,
  SPACE_KINDS,
  STATUSES,
  TARIFF_CATEGORIES,
  DAY_PART_NAMES,
  WEEKDAYS,
} from './location.vocabulary.ts';
import { isTimeZone } from '../shared/i18n/time-zones.ts';

/** Formatting for the editor's language; days are the place's calendar days (ISO dates read as UTC). */

export interface HoursPreview {
  value: string;
  /** Why the value cannot be stored; `{ kind: 'unreadable' }` where it parsed but could not be shown. */
  problem?: OpeningHoursProblem | { kind: 'unreadable' };
  hours?: HoursView;
  /** Well written, yet the week cannot be worked out here (a date past the library's calendars). */
  unevaluable?: boolean;
}

/** The next seven days of an opening-hours value at a place, or the library's message when it is not valid. */
export function hoursPreview(
  value: unknown,
  countryCode: unknown,
  timeZone: unknown,
  now = new Date(),
  region?: unknown,
): HoursPreview | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const country = typeof countryCode === 'string' && /^[A-Za-z]{2}$/.test(countryCode) ? countryCode.toUpperCase() : '';
  const zone = typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : 'UTC';
  const regionName = typeof region === 'string' && region.trim() ? region.trim() : undefined;
  const problem = openingHoursProblem(value.trim(), country, regionName);
  if (problem) return { value, problem };
  const place = {
    openingHours: value.trim(),
    timeZone: zone,
    address: { countryCode: country, locality: '', region: regionName },
    coordinates: { lat: 0, lng: 0 },
  } as unknown as Pick<Location, 'openingHours' | 'timeZone' | 'address' | 'coordinates'>;
  const hours = hoursView(place, now);
  return hours ? { value, hours } : { value, unevaluable: true };
}

const ALL_TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** The time zones to choose from, with the current value kept even when it is an alias the list leaves out. */
export function timeZoneOptions(current: unknown): string[] {
  return typeof current === 'string' && current && !ALL_TIME_ZONES.includes(current)
    ? [current, ...ALL_TIME_ZONES]
    : ALL_TIME_ZONES;
}

const COUNTRY_ZONES: Record<string, string> = {
  BE: 'Europe/Brussels',
  NL: 'Europe/Amsterdam',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  LU: 'Europe/Luxembourg',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  ES: 'Europe/Madrid',
  IT: 'Europe/Rome',
  PT: 'Europe/Lisbon',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
};

/** A sensible first time zone for a new location in a country. */
export const defaultTimeZone = (countryCode: string | undefined): string =>
  COUNTRY_ZONES[countryCode ?? ''] ?? 'Europe/Brussels';

export const VOCABULARY = {
  types: LOCATION_TYPES,
  governances: GOVERNANCES,
  openness: OPENNESS,
  spaceKinds: SPACE_KINDS,
  facilities: FACILITIES,
  tariffCategories: TARIFF_CATEGORIES,
  statuses: STATUSES,
  dayParts: DAY_PART_NAMES,
  weekdays: WEEKDAYS,
};

const LABEL_KEYS: Record<string, string> = {
  network: 'network',
  language: 'language',
  name: 'texts',
  description: 'texts',
  type: 'type',
  'model.governance': 'governance',
  'model.openness': 'openness',
  'model.spaceKind': 'spaceKind',
  'address.street': 'street',
  'address.postcode': 'postcode',
  'address.locality': 'locality',
  'address.region': 'region',
  'address.countryCode': 'countryCode',
  'coordinates.lat': 'lat',
  'coordinates.lng': 'lng',
  'coordinates.approximate': 'approximate',
  openingHours: 'openingHours',
  timeZone: 'timeZone',
  facilities: 'facilities',
  wifiMbps: 'wifiMbps',
  'capacity.desks': 'desks',
  'contact.website': 'website',
  'contact.email': 'email',
  'contact.phone': 'phone',
  tariffs: 'tariffs',
};

const TARIFF_FIELD_KEYS: Record<string, string> = {
  category: 'tariffCategory',
  amount: 'tariffAmount',
  currency: 'tariffCurrency',
};

const DAY_PART_FIELD_KEYS: Record<string, string> = {
  part: 'access:dayParts.offered',
  from: 'access:dayParts.from',
  to: 'access:dayParts.to',
  days: 'access:dayParts.days',
};

/** The label a reader knows a field by, for the error summary ("Name (Dutch)", "Price 2 — Currency"). */
export function fieldLabel(field: string, t: TFunction, display: Formatters): string | undefined {
  const text = /^(name|description)\.([a-z]{2,3})$/.exec(field);
  if (text) return `${t(`manage:form.${text[1]}`)} (${display.language(text[2]!)})`;
  const tariff = /^tariffs\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (tariff) {
    const row = t('manage:form.tariffRow', { number: Number(tariff[1]) + 1 });
    if (tariff[2] === 'dayPart') return `${row} — ${t('access:dayParts.tariffDayPart')}`;
    const part = tariff[2] ? TARIFF_FIELD_KEYS[tariff[2]] : undefined;
    return part ? `${row} — ${t(`manage:form.${part}`)}` : row;
  }
  const dayPart = /^dayParts\.(\w+)\.(\w+)/.exec(field);
  if (dayPart) {
    const key = DAY_PART_FIELD_KEYS[dayPart[2]!];
    return `${t(`access:dayPart.${dayPart[1]}`)}${key ? ` — ${t(key)}` : ''}`;
  }
  const key = LABEL_KEYS[field.replace(/^facilities\.\d+$/, 'facilities')];
  return key ? t(`manage:form.${key}`) : undefined;
}

/** The element a summary link leads to: the field, or its group when the field has no control of its own. */
export function anchorFor(field: string): string {
  const dayPart = /^dayParts\.(\w+)\.(\w+)/.exec(field);
  if (dayPart) return dayPart[2] === 'from' || dayPart[2] === 'to' ? field : `dayParts.${dayPart[1]}.offered`;
  const group = /^(facilities|tariffs)\.\d+$/.exec(field) ?? /^(name|description)$/.exec(field);
  return group ? (group[1] === 'description' ? 'name' : group[1]!) : field;
}
