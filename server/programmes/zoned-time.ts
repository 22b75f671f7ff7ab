// Wall-clock times at a place ("2027-03-29T19:00" in Europe/Amsterdam) and the instants they name, in both directions.
// Events are written in the place's time, so a weekly café stays at 19:00 across a daylight-saving change.
import { wallTimeAt } from '../locations/index.ts';

/** "YYYY-MM-DDTHH:mm", as an `<input type="datetime-local">` sends it. */
export const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const two = (n: number) => String(n).padStart(2, '0');

/** The wall time at `timeZone` of an instant, as "YYYY-MM-DDTHH:mm". */
export function wallAt(instant: Date, timeZone: string): string {
  const w = wallTimeAt(instant, timeZone);
  return `${w.year}-${two(w.month)}-${two(w.day)}T${two(w.hour)}:${two(w.minute)}`;
}

/** A wall time read as if it were UTC: the "floating" form recurrence rules are expanded in. */
export function floating(wall: string): Date {
  const m = WALL_TIME.exec(wall);
  if (!m) throw new RangeError(`not a wall time: ${wall}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!));
}

export const floatingToWall = (date: Date): string => date.toISOString().slice(0, 16);

/** Whether a wall time names a real calendar minute (no 31 February, no 25:00). */
export function isWallTime(wall: string): boolean {
  return WALL_TIME.test(wall) && floatingToWall(floating(wall)) === wall;
}

const offsetMs = (instant: number, timeZone: string) =>
  floating(wallAt(new Date(instant), timeZone)).getTime() - instant;

/**
 * The instant a wall time names at `timeZone`. A time in the spring-forward gap (02:30 on the night clocks skip an
 * hour) does not exist there: it is read with the offset from before the change, so it lands an hour later on the
 * clock (03:30), as calendar programs do. A time the autumn change repeats is the first of the two.
 */
export function instantOf(wall: string, timeZone: string): Date {
  const asUtc = floating(wall).getTime();
  const before = offsetMs(asUtc - 24 * 3600_000, timeZone);
  const after = offsetMs(asUtc + 24 * 3600_000, timeZone);
  const candidates = [asUtc - before, asUtc - after];
  const exact = candidates.filter((t) => wallAt(new Date(t), timeZone) === wall).sort((a, b) => a - b);
  return new Date(exact[0] ?? asUtc - before);
}

/** An occurrence's key: its start in UTC, "20270104T180000Z" (RFC 5545's form of RECURRENCE-ID in UTC). */
export const occurrenceKey = (start: Date): string =>
  start
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

export const OCCURRENCE_KEY = /^\d{8}T\d{6}Z$/;

export function instantOfKey(key: string): Date | undefined {
  if (!OCCURRENCE_KEY.test(key)) return undefined;
  const iso = `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 11)}:${key.slice(11, 13)}:${key.slice(13, 15)}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || occurrenceKey(date) !== key ? undefined : date;
}
