// A location's own day-parts (morning, afternoon, evening with its hours and days): the rules across rows, and
// which day-part a place offers on a calendar day at the place.
import type { ErrorDetail } from '../shared/errors/app-error.ts';
import { hoursStateDuring, parseOpeningHours, wallTimeAt } from './opening-hours.ts';
import { WEEKDAYS, type DayPartName, type Weekday } from './location.vocabulary.ts';

export interface OfferedDayPart {
  part: DayPartName;
  /** Wall-clock hours at the place, `HH:MM`; `to` may be `24:00`. */
  from: string;
  to: string;
  /** Absent: the days the opening hours open during these hours (every day without opening hours). */
  days?: Weekday[] | null;
}

const v = (key: string) => `access:validation.${key}`;

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/**
 * Rules across the rows of a whole location: each day-part once, hours that end after they start, one price per
 * category and day-part, and no price for a day-part the place does not offer (it could never be charged).
 */
/** A location's day-parts as its page, its editor and the API show them: only the days that are named. */
export function dayPartsShown(location: { dayParts?: readonly OfferedDayPart[] | null }) {
  return (location.dayParts ?? []).map((d) => ({
    part: d.part,
    from: d.from,
    to: d.to,
    ...(d.days?.length ? { days: [...d.days] } : {}),
  }));
}

export function dayPartDetails(location: { dayParts?: unknown; tariffs?: unknown }): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const parts = Array.isArray(location.dayParts) ? (location.dayParts as Partial<OfferedDayPart>[]) : [];
  const seen = new Set<string>();
  parts.forEach((row, i) => {
    if (!row || typeof row !== 'object') return;
    if (typeof row.part === 'string' && seen.has(row.part))
      details.push({ field: `dayParts.${i}.part`, key: v('dayPartTwice') });
    if (typeof row.part === 'string') seen.add(row.part);
    const { from, to } = row;
    if (typeof from === 'string' && typeof to === 'string' && CLOCK.test(from) && CLOCK.test(to)) {
      if (minutes(to) <= minutes(from)) details.push({ field: `dayParts.${i}.to`, key: v('dayPartHours') });
    }
  });
  const tariffs = Array.isArray(location.tariffs)
    ? (location.tariffs as { category?: unknown; dayPart?: unknown }[])
    : [];
  const priced = new Set<string>();
  tariffs.forEach((row, i) => {
    if (!row || typeof row !== 'object') return;
    if (typeof row.category !== 'string') return;
    const key = `${row.category}|${typeof row.dayPart === 'string' ? row.dayPart : ''}`;
    if (priced.has(key)) details.push({ field: `tariffs.${i}.category`, key: v('tariffTwice') });
    priced.add(key);
    if (typeof row.dayPart === 'string' && !seen.has(row.dayPart)) {
      details.push({ field: `tariffs.${i}.dayPart`, key: v('dayPartNotOffered') });
    }
  });
  return details;
}

/** The calendar day at a place for an instant, `YYYY-MM-DD` (months and quotas are counted by it). */
export function localDateAt(instant: Date, timeZone: string): string {
  const t = wallTimeAt(instant, timeZone);
  return `${t.year}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const weekdayOf = (date: string): Weekday => WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;

/** A wall-clock date (local fields are the place's time) for a calendar day and `HH:MM`, as opening-hours reads it. */
function wallClock(date: string, clock: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 0, minutes(clock));
}

interface DayPartPlace {
  dayParts?: OfferedDayPart[] | null;
  openingHours?: string | null;
  address: { countryCode: string; region?: string | null };
}

/**
 * The day-part `part` as the place offers it on `date` (its calendar day), or undefined when it does not: not one of
 * its day-parts, not on that weekday, or (days left to the opening hours) closed for sure throughout those hours.
 */
export function offeredDayPart(place: DayPartPlace, date: string, part: DayPartName): OfferedDayPart | undefined {
  const row = (place.dayParts ?? []).find((d) => d.part === part);
  if (!row) return undefined;
  if (row.days && row.days.length) return row.days.includes(weekdayOf(date)) ? row : undefined;
  if (!place.openingHours) return row;
  try {
    const hours = parseOpeningHours(place.openingHours, place.address.countryCode, undefined, place.address.region);
    return hoursStateDuring(hours, wallClock(date, row.from), wallClock(date, row.to)) === 'closed' ? undefined : row;
  } catch {
    return row; // Hours it cannot read say nothing against the day-part.
  }
}
