// iCalendar feeds (RFC 5545): each event once, a recurring one as its RRULE in its time zone (TZID) with EXDATEs, and
// each changed or cancelled occurrence as a VEVENT with the same UID and a RECURRENCE-ID.
import ical, { ICalEventStatus } from 'ical-generator';
import { pickText, type ReaderLanguages } from '../shared/i18n/content-text.ts';
import type { AgendaEvent } from './agenda-read-model.ts';
import { floating, instantOfKey, wallAt, WALL_TIME } from './zoned-time.ts';
import { floatingToWall } from './zoned-time.ts';

/**
 * ical-generator writes a time with a TZID from the Date's local fields (the server's own zone): a Date whose local
 * fields are the wall time at the place is written as that wall time. The process runs with TZ=UTC (package.json).
 */
function localFields(wall: string): Date {
  const m = WALL_TIME.exec(wall)!;
  return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
}

const basic = (wall: string) => wall.replace(/[-:]/g, '') + '00';

/** The wall time of an occurrence key (its original start) at the event's zone. */
const wallOfKey = (key: string, timeZone: string) => wallAt(instantOfKey(key)!, timeZone);

export interface CalendarOptions {
  name: string;
  baseUrl: string;
  lang: ReaderLanguages;
}

export function calendarText(events: AgendaEvent[], { name, baseUrl, lang }: CalendarOptions): string {
  const calendar = ical({ name, prodId: { company: 'Passerelle', product: 'Agenda', language: 'EN' } });
  for (const event of events) {
    const record = event.record;
    const tz = record.timeZone;
    const summary = pickText(record.title, record.language, lang)?.text ?? '';
    const description = pickText(record.description, record.language, lang)?.text;
    const placeName = event.place
      ? (pickText(event.place.name, event.place.language, lang)?.text ?? event.place.slug)
      : undefined;
    const location = event.place
      ? {
          title: [
            placeName,
            event.place.address.street,
            `${event.place.address.postcode ?? ''} ${event.place.address.locality}`.trim(),
          ]
            .filter(Boolean)
            .join(', '),
          geo: { lat: event.place.coordinates.lat, lon: event.place.coordinates.lng },
        }
      : undefined;
    const uid = `${event.id}@passerelle`;
    const common = {
      id: uid,
      timezone: tz,
      summary,
      ...(description ? { description } : {}),
      ...(location ? { location } : {}),
      url: `${baseUrl}/events/${event.id}`,
      categories: [{ name: record.category }],
    };
    const rule = record.rrule
      ? [
          `RRULE:${record.rrule}`,
          ...(record.exdates ?? []).map((key) => `EXDATE;TZID=${tz}:${basic(wallOfKey(key, tz))}`),
        ].join('\n')
      : undefined;
    calendar.createEvent({
      ...common,
      start: localFields(record.start),
      end: localFields(record.end),
      status: record.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(rule ? { repeating: rule } : {}),
    });
    if (!record.rrule) continue;
    const length = floating(record.end).getTime() - floating(record.start).getTime();
    for (const override of record.overrides ?? []) {
      const original = wallOfKey(override.occurrence, tz);
      const start = override.start ?? original;
      const end = override.end ?? floatingToWall(new Date(floating(start).getTime() + length));
      calendar.createEvent({
        ...common,
        recurrenceId: localFields(original),
        start: localFields(start),
        end: localFields(end),
        status:
          override.cancelled || record.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
  }
  return calendar.toString();
}
