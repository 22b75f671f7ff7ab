// The directory's query parameters, shared by the page and the JSON API, validated with one schema.
import { z } from 'zod';
import { blankToUndefined, uiLanguageField } from '../shared/http/schema-fields.ts';
import {
  DAY_PARTS,
  FACILITIES,
  GOVERNANCES,
  LOCATION_TYPES,
  OPENNESS,
  SPACE_KINDS,
  type DayPart,
} from '../locations/index.ts';
import type { BBox } from './engine/directory-index.ts';
import { bboxText } from '../shared/http/schema-fields.ts';
import type { OpenAt } from './engine/directory-filters.ts';

export const MAX_QUERY_LENGTH = 200;
const MAX_VALUES = 20;

const single = <T extends z.ZodType<unknown, string>>(schema: T, key: string) =>
  z.preprocess(blankToUndefined, z.string({ error: key }).pipe(schema).optional());

/** A parameter that may repeat (`type=a&type=b`) or list values with commas (`type=a,b`); blanks are dropped. */
function asList(value: unknown, normalise: (v: string) => string = (v) => v): unknown[] | undefined {
  // Most requests name few of the list parameters (a map view: none).
  if (value === undefined || value === '') return undefined;
  const list = (Array.isArray(value) ? (value as unknown[]) : [value])
    .filter((v) => v !== undefined && v !== '')
    .flatMap((v) => (typeof v === 'string' ? normalise(v).split(',') : [v]));
  return list.length ? list : undefined;
}

const many = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.preprocess(
    (value) => asList(value),
    z
      .array(z.enum(values, { error: key }), { error: key })
      .max(MAX_VALUES, { error: key })
      .optional(),
  );

const slugList = z.preprocess(
  (value) => asList(value),
  z
    .array(z.string({ error: 'validation.network' }).regex(/^[a-z0-9-]{1,80}$/, { error: 'validation.network' }))
    .max(MAX_VALUES, { error: 'validation.network' })
    .optional(),
);

const countryList = z.preprocess(
  (value) => asList(value, (v) => v.toUpperCase()),
  z
    .array(z.string({ error: 'validation.country' }).regex(/^[A-Z]{2}$/, { error: 'validation.country' }))
    .max(MAX_VALUES, { error: 'validation.country' })
    .optional(),
);

const bbox = bboxText.transform((box): BBox => box);

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))?$/;

/** True when the fields name a real calendar day and a time of day (no 30 February, no 24:00, no 60th second). */
function isRealDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  // setUTCFullYear, unlike Date.UTC, takes years 0-99 as they are (not as 1900-1999).
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day);
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/** Weekday names as a day-part is written in a URL (`tuesday-morning`), Sunday first as Date.getDay counts. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const DAY_PART = new RegExp(`^(${WEEKDAYS.join('|')})-(${Object.keys(DAY_PARTS).join('|')})$`);

/**
 * "now", a wall-clock time read at each place (`2026-12-01T10:00`), an instant with an offset, or a day-part of the
 * next such weekday (`tuesday-morning`).
 */
const openAt = z.string().transform((value, ctx): OpenAt => {
  if (value === 'now') return { kind: 'instant', instant: new Date() };
  const dayPart = DAY_PART.exec(value);
  if (dayPart) {
    const weekday = WEEKDAYS.indexOf(dayPart[1] as (typeof WEEKDAYS)[number]);
    return { kind: 'dayPart', weekday, part: dayPart[2] as DayPart, now: new Date() };
  }
  const match = DATE_TIME.exec(value);
  if (match) {
    const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
      .slice(1, 7)
      .map((part) => Number(part ?? 0));
    const [seconds, offset, offsetHours, offsetMinutes] = match.slice(6, 10);
    // An offset of +99:99 or a 60th second matches the pattern but is no instant: `new Date` would be invalid.
    const realOffset = !offsetHours || (Number(offsetHours) < 24 && Number(offsetMinutes) < 60);
    if (isRealDateTime(year, month, day, hour, minute, second) && realOffset) {
      if (offset) {
        const instant = new Date(value);
        if (!Number.isNaN(instant.getTime())) return { kind: 'instant', instant };
      } else if (!seconds) return { kind: 'wall', wall: { year, month, day, hour, minute } };
    }
  }
  ctx.addIssue({ code: 'custom', message: 'validation.openAt' });
  return z.NEVER;
});

export const directoryQuerySchema = z.object({
  q: single(z.string().max(MAX_QUERY_LENGTH, { error: 'validation.qTooLong' }), 'validation.q'),
  country: countryList,
  type: many(LOCATION_TYPES, 'validation.type'),
  governance: many(GOVERNANCES, 'validation.governance'),
  openness: many(OPENNESS, 'validation.openness'),
  spaceKind: many(SPACE_KINDS, 'validation.spaceKind'),
  facility: many(FACILITIES, 'validation.facility'),
  network: slugList,
  openAt: single(openAt, 'validation.openAt'),
  bbox: single(bbox, 'validation.bbox'),
  zoom: single(
    z
      .string()
      .regex(/^\d{1,2}$/, { error: 'validation.zoom' })
      .transform(Number)
      .pipe(z.number().max(22, { error: 'validation.zoom' })),
    'validation.zoom',
  ),
  page: single(
    z
      .string()
      .regex(/^\d{1,4}$/, { error: 'validation.page' })
      .transform(Number)
      .pipe(z.number().min(1, { error: 'validation.page' })),
    'validation.page',
  ),
  lang: single(uiLanguageField(), 'validation.lang'),
});

export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

/**
 * Without JavaScript the filter form sends "open" (any, now, at, dayPart), "at" (a date and time), "day" and "part"
 * (a weekday and a day-part); they are folded into the one `openAt` parameter that links and the API use
 * (`tuesday-morning` for a day-part, checked by the schema like any other value).
 */
export function withOpenAt(query: Record<string, unknown>): Record<string, unknown> {
  const { open, at, day, part, ...rest } = query;
  if (open === 'now') return { ...rest, openAt: 'now' };
  if (open === 'at') return { ...rest, openAt: at === '' ? undefined : at };
  if (open === 'dayPart') {
    // Anything but two words (a repeated field, a missing one) makes a value the schema refuses with its message.
    const word = (value: unknown) => (typeof value === 'string' ? value : '?');
    return { ...rest, openAt: `${word(day)}-${word(part)}` };
  }
  return rest;
}

/** Where the list is downloaded as files (served by the open-data domain, with this query). */
export const EXPORT_PATHS = { csv: '/exports/locations.csv', geojson: '/exports/locations.geojson' } as const;
