// The private feed of my registrations: reset (a new secret URL, shown once), and read by its secret.
import ical, { ICalEventStatus } from 'ical-generator';
import { recordAudit } from '../audit/index.ts';
import { hashSecret, newSecret } from '../shared/db/secret-token.ts';
import { notFound, unauthorized } from '../shared/errors/app-error.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import type { Principal } from '../shared/principal.ts';
import { CalendarFeedModel } from './calendar-feed.model.ts';
import { EventModel, type EventRecord } from './event.model.ts';
import { occurrenceOf } from './recurrence.ts';
import { registrationsOf } from './registration.service.ts';

export const FEED_PREFIX = 'cal_';

/** Replaces my feed's secret; the URL holding it is answered once, to be copied into a calendar program. */
export async function resetCalendarFeed(p: Principal): Promise<string> {
  if (p.kind !== 'user' || !p.userId) throw unauthorized();
  const token = newSecret(FEED_PREFIX);
  await CalendarFeedModel.deleteMany({ user: p.userId });
  await CalendarFeedModel.create({ user: p.userId, tokenHash: hashSecret(token) });
  await recordAudit(p, { action: 'calendar-feed.reset', entityType: 'user', entityId: p.userId });
  return token;
}

export async function hasCalendarFeed(userId: string): Promise<boolean> {
  return (await CalendarFeedModel.countDocuments({ user: userId })) > 0;
}

/** The feed of the account a secret names: each registered occurrence as an event of its own. */
export async function privateCalendar(token: string, baseUrl: string): Promise<string> {
  const feed = await CalendarFeedModel.findOne({ tokenHash: hashSecret(token) }).lean();
  if (!feed) throw notFound();
  const registrations = await registrationsOf(feed.user.toString());
  const events = new Map(
    (
      await EventModel.find({ _id: { $in: [...new Set(registrations.map((r) => r.event.toString()))] } }).lean<
        EventRecord[]
      >()
    ).map((e) => [e._id.toString(), e]),
  );
  const calendar = ical({
    name: 'Passerelle',
    prodId: { company: 'Passerelle', product: 'Registrations', language: 'EN' },
  });
  for (const registration of registrations) {
    const event = events.get(registration.event.toString());
    const occurrence = event && occurrenceOf(event, registration.occurrence, registration.occurrenceStart);
    if (!event || !occurrence) continue;
    calendar.createEvent({
      id: `${event._id.toString()}-${registration.occurrence}@passerelle`,
      start: occurrence.start,
      end: occurrence.end,
      summary: pickText(event.title, event.language, registration.language)?.text ?? '',
      url: `${baseUrl}/events/${event._id.toString()}/${registration.occurrence}`,
      status:
        occurrence.cancelled || event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
