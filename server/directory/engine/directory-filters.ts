// The filters a directory search takes, and how one entry is tested against them.
import { tokenize } from '../../shared/text/normalize.ts';
import {
  hoursStateAt,
  hoursStateDuring,
  nextDayPart,
  wallDate,
  wallTimeAt,
  type DayPart,
  type HoursState,
  type ParsedOpeningHours,
  type WallTime,
} from '../../locations/index.ts';
import type { DirectoryEntry } from './directory-entry.ts';

/**
 * "Open at": an instant (now, or a time with an offset), a wall-clock time read at each place, or a day-part of a
 * weekday (0 is Sunday): the next such day-part at each place from `now`, open during at least part of it.
 */
export type OpenAt =
  | { kind: 'instant'; instant: Date }
  | { kind: 'wall'; wall: WallTime }
  | { kind: 'dayPart'; weekday: number; part: DayPart; now: Date };

export interface DirectoryFilters {
  q?: string;
  country?: string[];
  type?: string[];
  governance?: string[];
  openness?: string[];
  spaceKind?: string[];
  /** Every listed facility is required. */
  facility?: string[];
  network?: string[];
  openAt?: OpenAt;
}

/** A stable key for caching the result of a filter set. */
export function filtersKey(filters: DirectoryFilters): string {
  const openAt = filters.openAt;
  const openKey = !openAt
    ? ''
    : openAt.kind === 'wall'
      ? JSON.stringify(openAt.wall)
      : openAt.kind === 'dayPart'
        ? // What is left of a day-part today depends on the minute it is asked.
          `${openAt.weekday}-${openAt.part}-${Math.floor(openAt.now.getTime() / 60_000)}`
        : // An instant is rounded to the minute, the resolution of opening hours.
          String(Math.floor(openAt.instant.getTime() / 60_000));
  return JSON.stringify([
    tokenize(filters.q ?? ''),
    filters.country?.toSorted(),
    filters.type?.toSorted(),
    filters.governance?.toSorted(),
    filters.openness?.toSorted(),
    filters.spaceKind?.toSorted(),
    filters.facility?.toSorted(),
    filters.network?.toSorted(),
    openKey,
  ]);
}

const oneOf = (allowed: string[] | undefined, value: string) =>
  !allowed || allowed.length === 0 || allowed.includes(value);

/** How the hours of the places of one time zone are read: at a wall-clock time, or over a stretch of it. */
type HoursReading = (hours: ParsedOpeningHours) => HoursState;

function readingAt(openAt: OpenAt, timeZone: string): HoursReading {
  if (openAt.kind === 'dayPart') {
    const { from, to } = nextDayPart(wallDate(wallTimeAt(openAt.now, timeZone)), openAt.weekday, openAt.part);
    return (hours) => hoursStateDuring(hours, from, to);
  }
  const wall = openAt.kind === 'wall' ? wallDate(openAt.wall) : wallDate(wallTimeAt(openAt.instant, timeZone));
  return (hours) => hoursStateAt(hours, wall);
}

/**
 * The predicate for everything but the words, which the text index answers. It counts, in `unknownHours`, the places
 * that passed every other filter but were left out by "open at" because their hours then are unknown (none given,
 * or a rule marked unknown): the page says so next to the count.
 */
export function entryPredicate(filters: DirectoryFilters): ((entry: DirectoryEntry) => boolean) & {
  unknownHours: number;
} {
  const openAt = filters.openAt;
  const readings = new Map<string, HoursReading>();
  // Places share parsed opening hours (see sharedOpeningHours): each value is evaluated once per time zone.
  const states = new Map<ParsedOpeningHours, Map<string, HoursState>>();
  const stateAtPlace = (hours: ParsedOpeningHours, timeZone: string): HoursState => {
    let byZone = states.get(hours);
    if (!byZone) states.set(hours, (byZone = new Map<string, HoursState>()));
    let state = byZone.get(timeZone);
    if (state === undefined) {
      let reading = readings.get(timeZone);
      if (!reading) readings.set(timeZone, (reading = readingAt(openAt!, timeZone)));
      byZone.set(timeZone, (state = reading(hours)));
    }
    return state;
  };
  const openThen = (entry: DirectoryEntry): boolean => {
    const state = entry.openingHours ? stateAtPlace(entry.openingHours, entry.timeZone) : 'unknown';
    if (state === 'unknown') predicate.unknownHours += 1;
    // A place is never claimed to be open when its hours do not say so.
    return state === 'open';
  };
  const predicate = Object.assign(
    (entry: DirectoryEntry) =>
      oneOf(filters.country, entry.countryCode) &&
      oneOf(filters.type, entry.type) &&
      oneOf(filters.governance, entry.governance) &&
      oneOf(filters.openness, entry.openness) &&
      oneOf(filters.spaceKind, entry.spaceKind) &&
      oneOf(filters.network, entry.networkSlug) &&
      (filters.facility ?? []).every((f) => entry.facilities.has(f)) &&
      (!openAt || openThen(entry)),
    { unknownHours: 0 },
  );
  return predicate;
}
