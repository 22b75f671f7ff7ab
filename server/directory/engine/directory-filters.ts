// The filters a directory search takes, and how one entry is tested against them.
import { tokenize } from '../../shared/text/normalize.ts';
import { wallDate, wallTimeAt, type ParsedOpeningHours, type WallTime } from '../../locations/index.ts';
import type { DirectoryEntry } from './directory-entry.ts';

/** "Open at": an instant (now, or a time with an offset), or a wall-clock time read at each place. */
export type OpenAt = { kind: 'instant'; instant: Date } | { kind: 'wall'; wall: WallTime };

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

/** Builds the predicate for everything but the words, which the text index answers. */
export function entryPredicate(filters: DirectoryFilters): (entry: DirectoryEntry) => boolean {
  const wallByZone = new Map<string, Date>();
  const openAt = filters.openAt;
  const wallAt = (timeZone: string): Date => {
    let wall = wallByZone.get(timeZone);
    if (!wall) {
      wall = openAt!.kind === 'wall' ? wallDate(openAt!.wall) : wallDate(wallTimeAt(openAt!.instant, timeZone));
      wallByZone.set(timeZone, wall);
    }
    return wall;
  };
  // Places share parsed opening hours (see sharedOpeningHours): each value is evaluated once per time zone.
  const states = new Map<ParsedOpeningHours, Map<string, boolean>>();
  const openAtPlace = (hours: ParsedOpeningHours, timeZone: string): boolean => {
    let byZone = states.get(hours);
    if (!byZone) states.set(hours, (byZone = new Map<string, boolean>()));
    let open = byZone.get(timeZone);
    if (open === undefined) byZone.set(timeZone, (open = hours.getState(wallAt(timeZone))));
    return open;
  };
  return (entry) =>
    oneOf(filters.country, entry.countryCode) &&
    oneOf(filters.type, entry.type) &&
    oneOf(filters.governance, entry.governance) &&
    oneOf(filters.openness, entry.openness) &&
    oneOf(filters.spaceKind, entry.spaceKind) &&
    oneOf(filters.network, entry.networkSlug) &&
    (filters.facility ?? []).every((f) => entry.facilities.has(f)) &&
    // A place without opening hours is never claimed to be open.
    (!openAt || (entry.openingHours !== undefined && openAtPlace(entry.openingHours, entry.timeZone)));
}
