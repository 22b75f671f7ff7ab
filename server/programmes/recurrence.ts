// Recurrence: an event's RRULE (RFC 5545) expanded into occurrences in the place's time zone, with its exceptions
// (EXDATE) and single-occurrence changes (RECURRENCE-ID overrides). Pure: no I/O.
//
// The rule is expanded in "floating" wall time (a wall time read as if it were UTC), then each wall time is placed in
// the event's zone, so a café at 19:00 stays at 19:00 across a daylight-saving change. A rule that never ends (no
// COUNT, no UNTIL) is expanded only up to the horizon: HORIZON_DAYS ahead of now, and at most MAX_OCCURRENCES per
// event. Pages, feeds of single occurrences and the read model see that far; the iCalendar feeds export the rule
// itself, so a calendar program sees it without end.
import * as rruleModule from 'rrule';
import { floating, floatingToWall, instantOf, occurrenceKey } from './zoned-time.ts';

type RRuleModule = typeof rruleModule;
// rrule ships CommonJS whose names Node's ESM loader cannot see: there they sit on its default export.
const { RRule } = (rruleModule as RRuleModule & { default?: RRuleModule }).default ?? rruleModule;

/** How far ahead occurrences are expanded and kept in memory. */
export const HORIZON_DAYS = 366;
/** At most this many occurrences of one event within the horizon (a daily rule fills a year). */
export const MAX_OCCURRENCES = 400;
const DAY_MS = 24 * 3600_000;

export interface OccurrenceOverride {
  /** The occurrence's key: its original start in UTC ("20270104T180000Z"). */
  occurrence: string;
  /** A new start and end, wall time at the place. */
  start?: string;
  end?: string;
  cancelled?: boolean;
}

export interface RecurringShape {
  /** Wall times at the place: "YYYY-MM-DDTHH:mm". */
  start: string;
  end: string;
  timeZone: string;
  /** The RRULE's value ("FREQ=MONTHLY;BYDAY=1MO"), if it repeats. */
  rrule?: string | null;
  /** Keys of occurrences that do not take place (EXDATE). */
  exdates?: string[];
  overrides?: OccurrenceOverride[];
}

export interface Occurrence {
  /** Stable across edits of other occurrences: the original start in UTC. */
  key: string;
  start: Date;
  end: Date;
  cancelled: boolean;
  /** Moved from its place in the series by an override. */
  moved: boolean;
}

const FREQUENCIES = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
/** No BYHOUR/BYMINUTE/BYSECOND: an occurrence keeps the event's time of day. */
const PARTS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST']);
const PART = /^([A-Z]+)=([A-Z0-9,+-]{1,100})$/;

/** A rule as stored: upper case, without a leading "RRULE:". */
export const normaliseRrule = (rule: string): string =>
  rule
    .trim()
    .replace(/^RRULE:/i, '')
    .toUpperCase();

/** Why a rule cannot be used (an i18n key), or undefined when it can. */
export function rruleProblem(rule: string): string | undefined {
  const body = normaliseRrule(rule);
  if (body.length > 300) return 'programmes:validation.rrule';
  const parts = body.split(';').map((part) => PART.exec(part));
  if (parts.some((m) => !m || !PARTS.has(m[1]!))) return 'programmes:validation.rrule';
  const keys = parts.map((m) => m![1]!);
  if (new Set(keys).size !== keys.length) return 'programmes:validation.rrule';
  const freq = parts.find((m) => m![1] === 'FREQ')?.[2];
  if (!freq || !FREQUENCIES.has(freq)) return 'programmes:validation.rruleFrequency';
  try {
    const options = RRule.parseString(body);
    const values = Object.values(options).flatMap((v: unknown): unknown[] =>
      Array.isArray(v) ? (v as unknown[]) : [v],
    );
    if (values.some((v) => v === undefined || (typeof v === 'number' && !Number.isFinite(v)))) {
      return 'programmes:validation.rrule';
    }
    if ((options.interval ?? 1) < 1 || (options.count !== undefined && options.count! < 1)) {
      return 'programmes:validation.rrule';
    }
    new RRule({ ...options, dtstart: new Date(Date.UTC(2026, 0, 1)) }).all((_, i) => i < 2);
  } catch {
    return 'programmes:validation.rrule';
  }
  return undefined;
}

const durationMs = (shape: Pick<RecurringShape, 'start' | 'end'>) =>
  floating(shape.end).getTime() - floating(shape.start).getTime();

/** The series' own starts (wall times) that may overlap [from, to), before exceptions and overrides. */
function seriesWalls(shape: RecurringShape, from: Date, to: Date): string[] {
  if (!shape.rrule) return [shape.start];
  const dtstart = floating(shape.start);
  const rule = new RRule({ ...RRule.parseString(normaliseRrule(shape.rrule)), dtstart });
  // A day either side covers any zone's offset; the duration covers an occurrence begun before `from`.
  const after = new Date(from.getTime() - DAY_MS - durationMs(shape));
  const before = new Date(to.getTime() + DAY_MS);
  return rule.between(after, before, true, (_, i) => i < MAX_OCCURRENCES).map(floatingToWall);
}

function occurrenceAt(wallStart: string, wallEnd: string, timeZone: string) {
  return { start: instantOf(wallStart, timeZone), end: instantOf(wallEnd, timeZone) };
}

/** The occurrences that overlap [from, to), in order of start, at most MAX_OCCURRENCES. */
export function expand(shape: RecurringShape, from: Date, to: Date): Occurrence[] {
  const skipped = new Set(shape.exdates ?? []);
  const overrides = new Map((shape.overrides ?? []).map((o) => [o.occurrence, o]));
  const length = durationMs(shape);
  const out: Occurrence[] = [];
  for (const wall of seriesWalls(shape, from, to)) {
    const wallEnd = floatingToWall(new Date(floating(wall).getTime() + length));
    const original = occurrenceAt(wall, wallEnd, shape.timeZone);
    const key = occurrenceKey(original.start);
    if (skipped.has(key)) continue;
    const override = overrides.get(key);
    const moved = Boolean(override?.start && override.end);
    const times = moved ? occurrenceAt(override!.start!, override!.end!, shape.timeZone) : original;
    if (times.end <= from || times.start >= to) continue;
    out.push({ key, ...times, cancelled: Boolean(override?.cancelled), moved });
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, MAX_OCCURRENCES);
}

/** The horizon of expansion seen from `now`. */
export const horizonFrom = (now: Date): Date => new Date(now.getTime() + HORIZON_DAYS * DAY_MS);

/** The occurrence of `key`, if the series has one (within the horizon, or the event's first). */
export function occurrenceOf(shape: RecurringShape, key: string, now = new Date()): Occurrence | undefined {
  const first = instantOf(shape.start, shape.timeZone);
  const from = new Date(Math.min(first.getTime(), now.getTime()) - DAY_MS);
  return expand(shape, from, horizonFrom(now)).find((o) => o.key === key);
}
