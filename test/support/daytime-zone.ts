// A time zone where it is early afternoon now, so a check-in "now" falls in a day-part whenever the suite runs.

/** The `Etc/GMT±N` zone whose wall clock reads 14:xx at `now` (POSIX signs: `Etc/GMT-2` is UTC+2). */
export function afternoonZone(now = new Date()): string {
  const offset = 14 - now.getUTCHours();
  if (offset === 0) return 'Etc/GMT';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
