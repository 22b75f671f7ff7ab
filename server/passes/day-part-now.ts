// Which day-part a visit at a place counts for: the place's wall clock, in its time zone.
import { DAY_PARTS, wallTimeAt, type DayPart } from '../locations/index.ts';

export interface DayPartAt {
  /** The day at the place ("2026-12-07"). */
  date: string;
  dayPart: DayPart;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The day-part under way at the place, or, before the first one starts, the morning (someone early at the door
 * comes for it); undefined after the last one has ended, when no visit of that day can still begin.
 */
export function dayPartAt(now: Date, timeZone: string): DayPartAt | undefined {
  const wall = wallTimeAt(now, timeZone);
  const date = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
  const parts = Object.entries(DAY_PARTS) as [DayPart, readonly [number, number]][];
  const current = parts.find(([, [from, to]]) => wall.hour >= from && wall.hour < to);
  if (current) return { date, dayPart: current[0] };
  const [first, [firstStart]] = parts[0]!;
  return wall.hour < firstStart ? { date, dayPart: first } : undefined;
}
