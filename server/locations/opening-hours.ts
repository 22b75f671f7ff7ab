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
  /** `unknown`: may be open then (a rule marked unknown), not certainly open. */
  intervals: { from: string; to: string; unknown?: boolean; comment?: string }[];
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

/** Where what the library printed goes: main.ts hands it to the log at debug level; unset, it is dropped. */
let libraryOutput: (lines: string[]) => void = () => undefined;

export function routeOpeningHoursOutput(output: (lines: string[]) => void): void {
  libraryOutput = output;
}

/**
 * Calls into the library with its console held back and handed to `libraryOutput`: it prints what it also throws (a
 * holiday calendar it lacks, say), which the callers handle. Calls are synchronous, so nothing else runs while the
 * console is swapped.
 */
function quietly<T>(call: () => T): T {
  const held: string[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const hold = (...args: unknown[]) => {
    held.push(args.map(String).join(' '));
  };
  console.log = console.info = console.warn = console.error = hold;
  try {
    return call();
  } finally {
    Object.assign(console, saved);
    if (held.length) libraryOutput(held);
  }
}

/**
 * What the library throws when it cannot evaluate a valid value at a date: a RangeError where the sun neither rises
 * nor sets, a message (a string) for holidays it has no calendar of for that year. The state there is unknown.
 */
const isEvaluationFailure = (error: unknown) => error instanceof RangeError || typeof error === 'string';

const LIBRARY_OPTIONS: ConstructorParameters<typeof OpeningHours>[2] = {
  mode: 0,
  tag_key: 'opening_hours',
  map_value: false,
  warnings_severity: 4,
  locale: 'en',
};

/**
 * Values that may name public or school holidays (PH, SH, or a word the library reads as one): only their parse
 * depends on the region.
 */
const HOLIDAYS = /\b[PS]H\b|holiday|feiertag|ferien|f[ée]ri[ée]|vacances|feestdag|vakantie/i;

/** The region whose holidays a value follows: the place's region when the value may name holidays, else ''. */
export function holidayRegionOf(value: string, region: string | null | undefined): string {
  return region && HOLIDAYS.test(value) ? region : '';
}

const STATE_WORD = /\b(open|closed|off|unknown)\s*$/i;
const TIME = /\d{1,2}:\d{2}|\b(sunrise|sunset|dawn|dusk)\b/i;

/**
 * The value as the library should read it: a rule that names times and then a comment without a state
 * (`Mo[1] 19:00-22:00 "ondernemerscafé"`) gets an explicit `open`. The OSM specification reads such a rule as
 * unknown, but people write the comment to say what happens in those hours, and a place open for its
 * ondernemerscafé was shown as closed. A rule with a comment and no times (`Sa "op afspraak"`) stays unknown, and
 * `unknown` or `closed` written before a comment is kept.
 */
export function withImpliedOpen(value: string): string {
  let out = '';
  let rule = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i]!;
    if (char === '"') {
      const end = value.indexOf('"', i + 1);
      if (end < 0) return value; // Not valid: left for the library to refuse with its message.
      const before = rule.trimEnd();
      if (TIME.test(rule) && !STATE_WORD.test(before)) {
        out += `${before} open `;
      } else out += rule;
      out += value.slice(i, end + 1);
      rule = '';
      i = end;
    } else if (char === ';' || char === '|') {
      out += rule + char;
      rule = '';
    } else rule += char;
  }
  return out + rule;
}

/**
 * Parses an OSM opening_hours value; throws the library's message when it is not valid. The library reads a position
 * only as strings, though its types say numbers: numbers were ignored, and sunrise and sunset fell back to 06:00 and
 * 18:00 everywhere. Holidays are those of the country and, when the library knows the region by that name (a German
 * Land, a French region or school zone…), of the region: school holidays (SH) mostly differ by region. A region it
 * does not know counts as unknown, as if none were given.
 */
export function parseOpeningHours(
  value: string,
  countryCode: string,
  coordinates?: { lat: number; lng: number },
  region?: string | null,
) {
  const position = coordinates ? { lat: String(coordinates.lat), lon: String(coordinates.lng) } : {};
  const parse = (address: { country_code: string; state?: string }) => {
    // Its types call for numbers and a state; it reads strings, and takes a missing state as unknown.
    const place = { ...position, address } as unknown as ConstructorParameters<typeof OpeningHours>[1];
    return quietly(() => new OpeningHours(readable, place, LIBRARY_OPTIONS));
  };
  const readable = withImpliedOpen(value);
  const country = { country_code: countryCode.toLowerCase() };
  if (region && HOLIDAYS.test(value)) {
    try {
      return parse({ ...country, state: region });
    } catch {
      // A region the library does not know: read as if no region were given.
    }
  }
  return parse(country);
}

/** What the app asks of parsed opening hours, every date a wall-clock date at the place. */
export type ParsedOpeningHours = Pick<
  ReturnType<typeof parseOpeningHours>,
  'getState' | 'getUnknown' | 'getComment' | 'getNextChange' | 'getOpenIntervals' | 'getWarnings'
>;

const MINUTE_MS = 60_000;

/** Minutes the place's clock is ahead of UTC at the wall-clock date `wall` (read as the instant it roughly is). */
function utcOffsetMinutes(wall: Date, timeZone: string): number {
  const guess = wallDate(wallTimeAt(wall, timeZone)).getTime() - wall.getTime();
  const instant = new Date(wall.getTime() - guess);
  return (wallDate(wallTimeAt(instant, timeZone)).getTime() - instant.getTime()) / MINUTE_MS;
}

/** A reading of the library at a date, quietly; `unknown` where it cannot evaluate the value then. */
function evaluated<T>(read: () => T, unknown: T): T {
  try {
    return quietly(read);
  } catch (error) {
    if (isEvaluationFailure(error)) return unknown;
    throw error;
  }
}

/** A parse read quietly, and unknown where the library cannot evaluate it (school holidays of a year it lacks). */
class GuardedHours implements ParsedOpeningHours {
  private readonly hours: ReturnType<typeof parseOpeningHours>;
  constructor(hours: ReturnType<typeof parseOpeningHours>) {
    this.hours = hours;
  }

  getState(date?: Date): boolean {
    return evaluated(() => this.hours.getState(date), false);
  }

  getUnknown(date?: Date): boolean {
    return evaluated(() => this.hours.getUnknown(date), true);
  }

  getComment(date?: Date): string | undefined {
    return evaluated(() => this.hours.getComment(date), undefined);
  }

  getWarnings(): string[] {
    return evaluated(() => this.hours.getWarnings(), []);
  }

  getNextChange(date?: Date, maxdate?: Date): Date | undefined {
    return evaluated(() => this.hours.getNextChange(date, maxdate), undefined);
  }

  getOpenIntervals(from: Date, to: Date) {
    return evaluated(() => this.hours.getOpenIntervals(from, to), []);
  }
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
  private readonly region: string | undefined;
  constructor(
    value: string,
    countryCode: string,
    coordinates: { lat: number; lng: number },
    timeZone: string,
    region: string | undefined,
  ) {
    this.value = value;
    this.countryCode = countryCode;
    this.coordinates = coordinates;
    this.timeZone = timeZone;
    this.region = region;
    // Parsed at once, so that a value that does not parse throws here, as the library does.
    this.at(undefined);
  }

  private at(wall: Date | undefined) {
    const offset = utcOffsetMinutes(wall ?? new Date(), this.timeZone);
    let parsed = this.byOffset.get(offset);
    if (!parsed) {
      const { lat, lng } = this.coordinates;
      parsed = parseOpeningHours(this.value, this.countryCode, { lat, lng: lng - offset / 4 }, this.region);
      this.byOffset.set(offset, parsed);
    }
    return parsed;
  }

  /**
   * Near the poles the sun neither rises nor sets on some days, and the library throws a RangeError for such a date:
   * the place's state is then unknown, never an error on its page.
   */
  private evaluate<T>(wall: Date | undefined, read: (hours: ReturnType<typeof parseOpeningHours>) => T, unknown: T) {
    return evaluated(() => read(this.at(wall)), unknown);
  }

  getState(date?: Date): boolean {
    return this.evaluate(date, (hours) => hours.getState(date), false);
  }

  getUnknown(date?: Date): boolean {
    return this.evaluate(date, (hours) => hours.getUnknown(date), true);
  }

  getComment(date?: Date): string | undefined {
    return this.evaluate(date, (hours) => hours.getComment(date), undefined);
  }

  getWarnings(): string[] {
    return this.evaluate(undefined, (hours) => hours.getWarnings(), []);
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
 * The region counts only for values that may name holidays.
 */
export function sharedOpeningHours(
  value: string,
  countryCode: string,
  coordinates: { lat: number; lng: number },
  timeZone: string,
  region?: string | null,
): ParsedOpeningHours {
  const sunRelative = SUN_EVENT.test(value);
  const holidayRegion = holidayRegionOf(value, region);
  const key = sunRelative
    ? `${countryCode}|${holidayRegion}|${coordinates.lat},${coordinates.lng}|${timeZone}|${value}`
    : `${countryCode}|${holidayRegion}||${value}`;
  let parsed = sharedParses.get(key);
  if (!parsed) {
    parsed = sunRelative
      ? new SunRelativeHours(value, countryCode, coordinates, timeZone, holidayRegion || undefined)
      : new GuardedHours(parseOpeningHours(value, countryCode, coordinates, holidayRegion));
    // Past the bound, values are still parsed correctly, only no longer shared with later places.
    if (sharedParses.size >= SHARED_PARSES) sharedParses.delete(sharedParses.keys().next().value!);
    sharedParses.set(key, parsed);
  }
  return parsed;
}

/**
 * The languages the library writes its messages in completely (it has one Dutch sentence of dozens): a reader of
 * another language gets our own words with the English message (see the `openingHours` message in `locales/`).
 */
export const CHECKER_LANGUAGES = ['en', 'fr', 'de'] as const;
export type CheckerMessages = Record<(typeof CHECKER_LANGUAGES)[number], string>;

/**
 * Why a value cannot be stored for a place: not OSM syntax, or written in a way the library had to guess at ("ma-vr
 * 9-17": Dutch day names, hours without minutes), with the library's message in each language it has and, for a guess,
 * how it read the value; or holidays (PH, SH) the library has no calendar of for the place's country and region,
 * though the value itself is well written.
 */
export type OpeningHoursProblem =
  | { kind: 'syntax'; message: string; messages: CheckerMessages; suggestion?: string }
  | { kind: 'holidays'; message: string };

const errorText = (error: unknown) => String(error instanceof Error ? error.message : error).trim();

/**
 * The library's message about a value in one of its languages. Only messages come from a parse in another language:
 * it reads some words by language ("ma" is Monday in Dutch, Tuesday in French), and values are read in English.
 */
function checkerMessage(value: string, locale: string): string {
  try {
    const hours = quietly(
      () => new OpeningHours(value, null, { ...(LIBRARY_OPTIONS as object), locale } as typeof LIBRARY_OPTIONS),
    );
    return quietly(() => hours.getWarnings()).join(' ');
  } catch (error) {
    return errorText(error);
  }
}

const checkerMessages = (value: string) =>
  Object.fromEntries(CHECKER_LANGUAGES.map((lang) => [lang, checkerMessage(value, lang)])) as CheckerMessages;

export function openingHoursProblem(
  value: string,
  countryCode: string,
  region?: string | null,
): OpeningHoursProblem | undefined {
  let parsed;
  try {
    parsed = parseOpeningHours(value, countryCode, undefined, region);
  } catch (error) {
    const message = errorText(error);
    try {
      // The library's own stand-in place (a German Land) has every kind of holiday: what parses there is well written.
      quietly(() => new OpeningHours(value, null, LIBRARY_OPTIONS));
      return { kind: 'holidays', message };
    } catch {
      return { kind: 'syntax', message, messages: checkerMessages(value) };
    }
  }
  // A value the library reads only by correcting it is not stored: what it guessed may not be what was meant.
  const warnings = evaluated(() => parsed.getWarnings(), []);
  if (warnings.length === 0) return undefined;
  const suggestion = quietly(() => parsed.prettifyValue());
  return {
    kind: 'syntax',
    message: warnings.join(' '),
    messages: checkerMessages(value),
    ...(suggestion && suggestion !== value ? { suggestion } : {}),
  };
}

/** The library's error for an invalid value, or undefined when the value is valid. */
export function openingHoursError(value: string, countryCode: string, region?: string | null): string | undefined {
  return openingHoursProblem(value, countryCode, region)?.message;
}

export interface OpenState {
  open: boolean;
  /** Neither open nor closed for sure: a rule marked `unknown`, or a comment with no times (`Sa "op afspraak"`). */
  unknown: boolean;
  /** What the rule that applies says of itself (`ondernemerscafé`). */
  comment?: string;
  /** When the state next changes, as a wall-clock date at the place, within a week. */
  nextChange?: Date;
}

export function openStateAt(hours: ParsedOpeningHours, wall: Date): OpenState {
  const weekLater = new Date(wall.getTime() + 7 * 24 * 3600 * 1000);
  const comment = hours.getComment(wall);
  return {
    open: hours.getState(wall),
    unknown: hours.getUnknown(wall),
    ...(comment ? { comment } : {}),
    nextChange: hours.getNextChange(wall, weekLater),
  };
}

/** Whether a place is open, closed or neither for sure (see OpenState.unknown). */
export type HoursState = 'open' | 'closed' | 'unknown';

export function hoursStateAt(hours: ParsedOpeningHours, wall: Date): HoursState {
  return hours.getState(wall) ? 'open' : hours.getUnknown(wall) ? 'unknown' : 'closed';
}

/** Open for sure at some moment from `from` to `to` (wall-clock dates); else unknown if it may be, else closed. */
export function hoursStateDuring(hours: ParsedOpeningHours, from: Date, to: Date): HoursState {
  const intervals = hours.getOpenIntervals(from, to);
  if (intervals.some(([, , unknown]) => !unknown)) return 'open';
  return intervals.length ? 'unknown' : 'closed';
}

/**
 * The day-parts (dagdelen) a search can ask for, as wall-clock hours at each place: the unit most places price and
 * book by. Evening ends at 23:00 so that an evening programme (19:00-22:00) counts.
 */
export const DAY_PARTS = { morning: [8, 12], afternoon: [12, 18], evening: [18, 23] } as const;
export type DayPart = keyof typeof DAY_PARTS;

/**
 * The next `weekday` (0 is Sunday) `part` at a place whose wall clock reads `now`: today's while it is not over, and
 * only what is left of it, so a place that closed at 09:00 is not offered at 11:00.
 */
export function nextDayPart(now: Date, weekday: number, part: DayPart): { from: Date; to: Date } {
  const [startHour, endHour] = DAY_PARTS[part];
  let ahead = (weekday - now.getDay() + 7) % 7;
  const endToday = new Date(now.getFullYear(), now.getMonth(), now.getDate(), endHour);
  if (ahead === 0 && now >= endToday) ahead = 7;
  const day = now.getDate() + ahead;
  const from = new Date(now.getFullYear(), now.getMonth(), day, startHour);
  return { from: from > now ? from : now, to: new Date(now.getFullYear(), now.getMonth(), day, endHour) };
}

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** The open intervals of the seven days starting on `wall`'s day, at the place. */
export function weekSchedule(hours: ParsedOpeningHours, wall: Date): DaySchedule[] {
  const days: DaySchedule[] = [];
  for (let i = 0; i < 7; i += 1) {
    const start = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + i);
    const end = new Date(wall.getFullYear(), wall.getMonth(), wall.getDate() + i + 1);
    const intervals = hours.getOpenIntervals(start, end).map(([from, to, unknown, comment]) => ({
      from: hhmm(from),
      to: to.getTime() === end.getTime() ? '24:00' : hhmm(to),
      ...(unknown ? { unknown: true } : {}),
      ...(comment ? { comment } : {}),
    }));
    days.push({ date: start, intervals });
  }
  return days;
}

export { hhmm as formatWallTime };
