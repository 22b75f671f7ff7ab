// Opening hours in OSM syntax, evaluated in the place's own time zone.
//
// The opening_hours library reads a Date through its local-time getters, so every instant is first turned into
// a "wall-clock date" whose local fields are the time at the place. The process runs with TZ=UTC (see
// package.json) so that no wall-clock time falls into a daylight-saving gap of the server's own zone.
import OpeningHours from 'opening_hours';

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export interface DaySchedule {
  /** Wall-clock date at the place (local fields are the place's calendar day). */
  date: Date;
  intervals: { from: string; to: string; comment?: string }[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time at `timeZone` for an instant. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
  };
}

export function wallDate(time: WallTime): Date {
  return new Date(time.year, time.month - 1, time.day, time.hour, time.minute);
}

/**
 * Parses an OSM opening_hours value; throws the library's message when it is not valid. The library reads a position
 * only as strings, though its types say numbers: numbers were ignored, and sunrise and sunset fell back to 06:00 and
 * 18:00 everywhere.
 */
export function parseOpeningHours(value: string, countryCode: string, coordinates?: { lat: number; lng: number }) {
  const position = coordinates ? { lat: String(coordinates.lat), lon: String(coordinates.lng) } : {};
  return new OpeningHours(
    value,
    {
      ...(position as unknown as { lat: number; lon: number }),
      address: { country_code: countryCode.toLowerCase(), state: '' },
    },
    { mode: 0, tag_key: 'opening_hours', map_value: false, warnings_severity: 4, locale: 'en' },
  );
}

/** What the app asks of parsed opening hours, every date a wall-clock date at the place. */
export type ParsedOpeningHours = Pick<
  ReturnType<typeof parseOpeningHours>,
  'getState' | 'getUnknown' | 'getNextChange' | 'getOpenIntervals'
>;

const MINUTE_MS = 60_000;

/** Minutes the place's clock is ahead of UTC at the wall-clock date `wall` (read as the instant it roughly is). */
function utcOffsetMinutes(wall: Date, timeZone: string): number {
  const guess = wallDate(wallTimeAt(wall, timeZone)).getTime() - wall.getTime();
  const instant = new Date(wall.getTime() - guess);
  return (wallDate(wallTimeAt(instant, timeZone)).getTime() - instant.getTime()) / MINUTE_MS;
}

/**
 * Sun-relative hours ("sunrise-sunset") at a place. The library computes the sun's events as instants and reads their
 * hours in the process's zone, UTC, while the dates it is given are wall-clock dates at the place: sunrise in Brussels
 * came out an hour early in winter, two in summer. The sun's events move 4 minutes later for every degree west, so a
 * longitude shifted west by the place's UTC offset (15° an hour) gives events whose UTC hours are the place's own. The
 * offset changes with daylight saving time, so there is a parse per offset (two at most for a zone), and what spans a
 * change is read in two pieces, each with its own.
 */
class SunRelativeHours implements ParsedOpeningHours {
  private readonly byOffset = new Map<number, ReturnType<typeof parseOpeningHours>>();

  private readonly value: string;
  private readonly countryCode: string;
  private readonly coordinates: { lat: number; lng: number };
  private readonly timeZone: string;
  constructor(value: string, countryCode: string, coordinates: { lat: number; lng: number }, timeZone: string) {
    this.value = value;
    this.countryCode = countryCode;
    this.coordinates = coordinates;
    this.timeZone = timeZone;
    // Parsed at once, so that a value that does not parse throws here, as the library does.
    this.at(undefined);
  }

  private at(wall: Date | undefined) {
    const offset = utcOffsetMinutes(wall ?? new Date(), this.timeZone);
    let parsed = this.byOffset.get(offset);
    if (!parsed) {
      const { lat, lng } = this.coordinates;
      parsed = parseOpeningHours(this.value, this.countryCode, { lat, lng: lng - offset / 4 });
      this.byOffset.set(offset, parsed);
    }
    return parsed;
  }

  /**
   * Near the poles the sun neither rises nor sets on some days, and the library throws a RangeError for such a date:
   * the place's state is then unknown, never an error on its page.
   */
  private evaluate<T>(wall: Date | undefined, read: (hours: ReturnType<typeof parseOpeningHours>) => T, unknown: T) {
    try {
      return read(this.at(wall));
    } catch (error) {
      if (error instanceof RangeError) return unknown;
      throw error;
    }
  }

  getState(date?: Date): boolean {
    return this.evaluate(date, (hours) => hours.getState(date), false);
  }

  getUnknown(date?: Date): boolean {
    return this.evaluate(date, (hours) => hours.getUnknown(date), true);
  }

  getNextChange(date?: Date, maxdate?: Date): Date | undefined {
    const cut = date && maxdate && this.offsetChange(date, maxdate);
    if (!cut) return this.evaluate(date, (hours) => hours.getNextChange(date, maxdate), undefined);
    const before = this.evaluate(date, (hours) => hours.getNextChange(date, cut), undefined);
    if (before) return before;
    // The two parses may disagree at the change itself (a sun event within the skipped or repeated hour).
    const justBefore = new Date(cut.getTime() - MINUTE_MS);
    const same =
      this.getState(justBefore) === this.getState(cut) && this.getUnknown(justBefore) === this.getUnknown(cut);
    return same ? this.evaluate(cut, (hours) => hours.getNextChange(cut, maxdate), undefined) : cut;
  }

  getOpenIntervals(from: Date, to: Date) {
    const read = (start: Date, end: Date) => this.evaluate(start, (hours) => hours.getOpenIntervals(start, end), []);
    const cut = this.offsetChange(from, to);
    if (!cut) return read(from, to);
    const before = read(from, cut);
    const after = read(cut, to);
    // An interval open across the change comes back in two pieces that meet at it: one interval for the reader.
    const last = before.at(-1);
    const first = after[0];
    const meet = last && first && last[1].getTime() === cut.getTime() && first[0].getTime() === cut.getTime();
    if (!meet || last[2] !== first[2] || last[3] !== first[3]) return [...before, ...after];
    return [...before.slice(0, -1), [last[0], first[1], last[2], last[3]], ...after.slice(1)] as typeof before;
  }

  /**
   * The first wall-clock minute after `from`, up to `to`, at which the place's UTC offset differs from the one at
   * `from`; undefined when it is the same at both ends. Zones change their offset months apart, and what is asked
   * spans a week at most, so one change is all there can be.
   */
  private offsetChange(from: Date, to: Date): Date | undefined {
    const offset = (time: number) => utcOffsetMinutes(new Date(time), this.timeZone);
    const first = offset(from.getTime());
    if (offset(to.getTime()) === first) return undefined;
    let same = from.getTime();
    let changed = to.getTime();
    while (changed - same > MINUTE_MS) {
      const middle = same + Math.floor((changed - same) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offset(middle) === first) same = middle;
      else changed = middle;
    }
    return new Date(changed);
  }
}

/** Sun-relative times ("sunrise-sunset") depend on where the place is; other values only on its country. */
const SUN_EVENT = /sunrise|sunset|dawn|dusk/i;
const SHARED_PARSES = 10_000;
const sharedParses = new Map<string, ParsedOpeningHours>();

/**
 * Parses like parseOpeningHours, but once per distinct value: a parse is large and slow next to
 * an entry, and most places share a handful of values ("Mo-Fr 09:00-17:00"). Parsed values are never mutated, so sharing is safe.
 */
export function sharedOpeningHours(
  value: string,
  countryCode: string,
  coordinates: { lat: number; lng: number },
  timeZone: string,
): ParsedOpeningHours {
  const sunRelative = SUN_EVENT.test(value);
  const key = sunRelative
    ? `${countryCode}|${coordinates.lat},${coordinates.lng}|${timeZone}|${value}`
    : `${countryCode}||${value}`;
  let parsed = sharedParses.get(key);
  if (!parsed) {
    parsed = sunRelative
      ? new SunRelativeHours(value, countryCode, coordinates, timeZone)
      : parseOpeningHours(value, countryCode, coordinates);
    // Past the bound, values are still parsed correctly, only no longer shared with later places.
    if (sharedParses.size >= SHARED_PARSES) sharedParses.delete(sharedParses.keys().next().value!);
    sharedParses.set(key, parsed);
  }
  return parsed;
}

/** The library's error for an invalid value, or undefined when the value is valid. */
export function openingHoursError(value: string, countryCode: string): string | undefined {
  try {
    parseOpeningHours(value, countryCode);
    return undefined;
  } catch (error) {
    return String(error instanceof Error ? error.message : error).trim();
  }
}

export interface OpenState {
  open: boolean;
  unknown: boolean;
  /** When the state next changes, as a wall-clock date at the place, within a week. */
  nextChange?: Date;
}

export function openStateAt(hours: ParsedOpeningHours, wall: Date): OpenState {
  const weekLater = new Date(wall.getTime() + 7 * 24 * 3600 * 1000);
  return {
    open: hours.getState(wall),
    unknown: hours.getUnknown(wall),
    nextChange: hours.getNextChange(wall, weekLater),
  };
}

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** The open intervals of the seven days starting on `wall`'s day, at the place. */
export function weekSchedule(hours: ParsedOpeningHours, wall: Date): DaySchedule[] {
  const days: DaySchedule[] = [];
  for (let i = 0; i < 7; i += 1) {
    const start = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + i);
    const end = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + i + 1);
    const intervals = hours.getOpenIntervals(start, end).map(([from, to, , comment]) => ({
      from: hhmm(from),
      to: to.getTime() === end.getTime() ? '24:00' : hhmm(to),
      ...(comment ? { comment } : {}),
    }));
    days.push({ date: start, intervals });
  }
  return days;
}

export { hhmm as formatWallTime };
