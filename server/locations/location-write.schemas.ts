// The one schema of a location's editable fields, shared by the editor's form and the JSON write API.
//
// Messages are i18n keys of the `manage` namespace. Unknown fields are refused one by one (so each is named in the
// error), blank text counts as absent, and nothing is coerced: the form converts its strings first (location-form.ts).
import { z } from 'zod';
import { slugField, urlField } from '../shared/http/schema-fields.ts';
import { displayName } from '../shared/i18n/formatters.ts';
import { badRequest, type ErrorDetail } from '../shared/errors/app-error.ts';
import { issuesToDetails } from '../shared/http/validate.ts';
import { LANGUAGE_CODE } from '../shared/db/language-map.ts';
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
import { dayPartDetails } from './day-parts.ts';
import { openingHoursProblem, type OpeningHoursProblem } from './opening-hours.ts';
import { isTimeZone } from '../shared/i18n/time-zones.ts';

export const LIMITS = {
  name: 200,
  description: 5000,
  languages: 24,
  line: 200,
  postcode: 20,
  openingHours: 500,
  url: 500,
  phone: 40,
  facilities: FACILITIES.length,
  tariffs: 20,
  amount: 100_000,
  mbps: 100_000,
  desks: 100_000,
} as const;

const m = (key: string) => `manage:validation.${key}`;

/** Objects refuse fields they do not know (`schemaDetails` names each of them). */
const strict = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? m('unknownField') : m('object')),
  });

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
const trimmedOrUndefined = (value: unknown) => {
  const v = trimmed(value);
  return v === '' ? undefined : v;
};

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? m('required') : m('text')) })
    .max(max, { error: m('tooLong') });

const requiredText = (max: number) => z.preprocess(trimmed, text(max).min(1, { error: m('required') }));

const optionalText = (max: number) => z.preprocess(trimmedOrUndefined, text(max).optional());

const number = (min: number, max: number) =>
  z
    .number({ error: m('number') })
    .min(min, { error: m('range') })
    .max(max, { error: m('range') });

/** Text per language: keys are ISO 639 codes, blank text is dropped (so `{"nl": ""}` removes the Dutch text). */
const languageMap = (max: number) =>
  z
    .record(z.string().regex(LANGUAGE_CODE), z.preprocess(trimmed, text(max)), {
      error: (issue) => (issue.code === 'invalid_key' ? m('languageCode') : m('languageMap')),
    })
    .refine((map) => Object.keys(map).length <= LIMITS.languages, { error: m('tooManyLanguages') })
    .transform((map) => Object.fromEntries(Object.entries(map).filter(([, v]) => v !== '')) as Record<string, string>);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const countryCode = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z
    .string({ error: m('country') })
    .regex(/^[A-Z]{2}$/, { error: m('country') })
    .refine((code) => displayName(regionNames, code) !== undefined, { error: m('country') }),
);

const timeZone = z
  .string({ error: m('timeZone') })
  .regex(/^[A-Za-z0-9_+\-/]{1,64}$/, { error: m('timeZone') })
  .refine(isTimeZone, { error: m('timeZone') });

const currencies = new Set(Intl.supportedValuesOf('currency'));
const currency = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
  z
    .string({ error: m('currency') })
    .regex(/^[A-Z]{3}$/, { error: m('currency') })
    .refine((code) => currencies.has(code), { error: m('currency') }),
);

const website = urlField({ error: m('url'), tooLong: m('tooLong'), max: LIMITS.url });

const email = z.preprocess(
  trimmedOrUndefined,
  z
    .email({ error: m('email') })
    .max(254, { error: m('tooLong') })
    .optional(),
);

const phone = z.preprocess(
  trimmedOrUndefined,
  z
    .string({ error: m('phone') })
    .regex(/^\+?[0-9][0-9 ()./-]{2,39}$/, { error: m('phone') })
    .optional(),
);

const tariff = strict({
  category: z.enum(TARIFF_CATEGORIES, { error: m('tariffCategory') }),
  amount: number(0, LIMITS.amount),
  currency: currency.optional().default('EUR'),
  per: z
    .literal('day-part', { error: m('tariffPer') })
    .optional()
    .default('day-part'),
  dayPart: z.enum(DAY_PART_NAMES, { error: 'access:validation.dayPart' }).optional(),
});

const clock = (to: boolean) =>
  z
    .string({ error: 'access:validation.dayPartNoHours' })
    .regex(to ? /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^([01]\d|2[0-3]):[0-5]\d$/, {
      error: 'access:validation.clock',
    });

/** One offered day-part: its hours at the place, and the weekdays (absent: as the opening hours say). */
const dayPart = strict({
  part: z.enum(DAY_PART_NAMES, { error: 'access:validation.dayPart' }),
  from: clock(false),
  to: clock(true),
  days: z
    .array(z.enum(WEEKDAYS, { error: 'access:validation.weekday' }), { error: m('list') })
    .max(WEEKDAYS.length, { error: m('tooMany') })
    .transform((list) => WEEKDAYS.filter((d) => list.includes(d)))
    .optional(),
});

/**
 * Every editable field. Optional fields also accept null, which a partial update reads as "remove this field";
 * status and slug are not here: the status has its own action and the slug never changes.
 */
export const locationFields = {
  network: slugField(m('network')),
  language: z.string({ error: m('language') }).regex(LANGUAGE_CODE, { error: m('language') }),
  name: languageMap(LIMITS.name).refine((map) => Object.keys(map).length > 0, { error: m('nameRequired') }),
  description: languageMap(LIMITS.description).nullable().optional(),
  type: z.enum(LOCATION_TYPES, { error: m('type') }),
  model: strict({
    governance: z.enum(GOVERNANCES, { error: m('governance') }),
    openness: z.enum(OPENNESS, { error: m('openness') }),
    spaceKind: z.enum(SPACE_KINDS, { error: m('spaceKind') }),
  }),
  address: strict({
    street: optionalText(LIMITS.line),
    postcode: optionalText(LIMITS.postcode),
    locality: requiredText(LIMITS.line),
    region: optionalText(LIMITS.line),
    countryCode,
  }),
  coordinates: strict({
    lat: number(-90, 90),
    lng: number(-180, 180),
    approximate: z
      .boolean({ error: m('boolean') })
      .optional()
      .default(false),
  }),
  openingHours: z.preprocess(trimmedOrUndefined, text(LIMITS.openingHours).nullable().optional()),
  timeZone,
  facilities: z
    .array(z.enum(FACILITIES, { error: m('facility') }), { error: m('list') })
    .max(LIMITS.facilities, { error: m('tooMany') })
    .transform((list) => [...new Set(list)]),
  wifiMbps: number(0, LIMITS.mbps).nullable().optional(),
  capacity: strict({
    desks: z
      .number({ error: m('number') })
      .int({ error: m('integer') })
      .min(0, { error: m('range') })
      .max(LIMITS.desks, { error: m('range') })
      .optional(),
  })
    .nullable()
    .optional(),
  contact: strict({ website, email, phone }).nullable().optional(),
  tariffs: z.array(tariff, { error: m('list') }).max(LIMITS.tariffs, { error: m('tooMany') }),
  dayParts: z.array(dayPart, { error: m('list') }).max(DAY_PART_NAMES.length, { error: m('tooMany') }),
};

const status = z.enum(STATUSES, { error: m('status') });

/** A whole location, as the editor's form sends it and as `POST /api/v1/locations` takes it. */
export const locationInputSchema = strict({
  ...locationFields,
  facilities: locationFields.facilities.optional(),
  tariffs: locationFields.tariffs.optional(),
  dayParts: locationFields.dayParts.optional(),
});

/** `POST /api/v1/locations`: a whole location, optionally with its first status (draft when left out). */
export const locationCreateSchema = locationInputSchema.extend({ status: status.optional() });

/** `PATCH /api/v1/locations/:slug`: any top-level fields, each replaced as a whole; null removes an optional one. */
export const locationPatchSchema = strict({ ...locationFields, status }).partial();

export const statusSchema = strict({ status });

export type LocationInput = z.output<typeof locationInputSchema>;
export type LocationCreate = z.output<typeof locationCreateSchema>;
export type LocationPatch = z.output<typeof locationPatchSchema>;

/** The fields a partial update may remove by sending null. */
export const REMOVABLE_FIELDS = ['description', 'openingHours', 'wifiMbps', 'capacity', 'contact'] as const;

/**
 * Rules across fields, checked on the whole location (after a partial update is merged): the name is given in the
 * listing's own language, and opening hours are valid OSM syntax whose holidays are known for the country and region
 * (the library's message is kept).
 */
export function crossFieldDetails(location: {
  language?: unknown;
  name?: unknown;
  openingHours?: unknown;
  address?: { countryCode?: unknown; region?: unknown } | null;
  dayParts?: unknown;
  tariffs?: unknown;
}): ErrorDetail[] {
  const details: ErrorDetail[] = dayPartDetails(location);
  const { language, name } = location;
  if (typeof language === 'string' && LANGUAGE_CODE.test(language) && name && typeof name === 'object') {
    const own = (name as Record<string, unknown>)[language];
    if (typeof own !== 'string' || own.trim() === '') {
      details.push({ field: `name.${language}`, key: m('nameInOwnLanguage') });
    }
  }
  const hours = typeof location.openingHours === 'string' ? location.openingHours.trim() : '';
  const country = location.address?.countryCode;
  const region = typeof location.address?.region === 'string' ? location.address.region.trim() : undefined;
  // Public holidays depend on the country; without a valid one the country's own error is what needs fixing first.
  if (hours && hours.length <= LIMITS.openingHours && typeof country === 'string' && /^[A-Za-z]{2}$/.test(country)) {
    const problem = openingHoursProblem(hours, country, region);
    if (problem?.kind === 'syntax') details.push(openingHoursSyntaxDetail(problem));
    else if (problem) details.push({ field: 'openingHours', key: m('openingHoursHolidays') });
  }
  return details;
}

/**
 * The library's message in each language it writes (each locale's text names the one it shows: `{{checker.fr}}`), and
 * for a value it read only by guessing, how it read it.
 */
function openingHoursSyntaxDetail(problem: Extract<OpeningHoursProblem, { kind: 'syntax' }>): ErrorDetail {
  const { messages: checker, suggestion } = problem;
  return suggestion
    ? { field: 'openingHours', key: m('openingHoursGuessed'), params: { checker, suggestion } }
    : { field: 'openingHours', key: m('openingHours'), params: { checker } };
}

/** A schema's issues as details, with one detail per unknown field (named by its path) instead of one for all. */
export function schemaDetails(issues: z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'unrecognized_keys') return issuesToDetails([issue]);
    return issue.keys.map((key) => ({ field: [...issue.path, key].map(String).join('.'), key: m('unknownField') }));
  });
}

/** Parses API input with one of the schemas above, or throws a 400 naming every wrong field. */
export function parseLocationInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(schemaDetails(result.error.issues));
  return result.data;
}
