// Example events for the demo places, marked as example data: an ondernemerscafé every first Monday evening at a
// Drenthe village hall, a weekly coaching hour and a members' workshop at a Brussels coworking space.
import { eventPlaceBySlug, type EventPlace } from '../locations/index.ts';
import { EventModel } from './event.model.ts';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The first day of `now`'s month that falls on `weekday` (0 = Sunday). */
function firstWeekdayOfMonth(now: Date, weekday: number): Date {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return new Date(first.getTime() + ((weekday - first.getUTCDay() + 7) % 7) * 86_400_000);
}

const at = (place: EventPlace) => ({ network: place.network, location: place.id, timeZone: place.timeZone });

/** Inserts the example events where their places exist; returns how many. */
export async function insertExampleEvents(now = new Date()): Promise<number> {
  const hall = await eventPlaceBySlug('over-entinghe-dwingeloo');
  const lavallee = await eventPlaceBySlug('lavallee-bruxelles');
  const events = [];
  if (hall) {
    const monday = isoDay(firstWeekdayOfMonth(now, 1));
    events.push({
      ...at(hall),
      language: 'nl',
      title: {
        nl: 'Ondernemerscafé Dwingeloo',
        en: "Entrepreneurs' café Dwingeloo",
        fr: 'Café des entrepreneurs de Dwingeloo',
        de: 'Unternehmercafé Dwingeloo',
      },
      description: {
        nl: 'Elke eerste maandagavond: zzp’ers uit het dorp drinken koffie en helpen elkaar met hun vragen.',
        en: 'Every first Monday evening: the village’s freelancers meet over coffee and help each other with their questions.',
      },
      category: 'ondernemerscafe',
      start: `${monday}T19:30`,
      end: `${monday}T21:30`,
      rrule: 'FREQ=MONTHLY;BYDAY=1MO',
      capacity: 20,
      registrationRequired: true,
      prices: [{ category: 'public', amount: 0, currency: 'EUR' }],
      status: 'published',
      example: true,
    });
  }
  if (lavallee) {
    const thursday = isoDay(firstWeekdayOfMonth(now, 4));
    const inTwoWeeks = isoDay(new Date(now.getTime() + 14 * 86_400_000));
    events.push(
      {
        ...at(lavallee),
        language: 'fr',
        title: { fr: 'Heure de coaching', nl: 'Coachingsuur', en: 'Coaching hour' },
        description: {
          fr: 'Un coach répond à vos questions sur votre activité d’indépendant, chaque jeudi matin.',
          en: 'A coach answers your questions about working on your own, every Thursday morning.',
        },
        category: 'coaching-hour',
        start: `${thursday}T10:00`,
        end: `${thursday}T11:00`,
        rrule: 'FREQ=WEEKLY;BYDAY=TH',
        capacity: 4,
        registrationRequired: true,
        prices: [
          { category: 'own-member', amount: 0, currency: 'EUR' },
          { category: 'public', amount: 15, currency: 'EUR' },
        ],
        status: 'published',
        example: true,
      },
      {
        ...at(lavallee),
        language: 'fr',
        title: {
          fr: 'Atelier facturation pour les membres',
          nl: 'Workshop facturatie voor leden',
          en: 'Invoicing workshop for members',
        },
        category: 'workshop',
        start: `${inTwoWeeks}T14:00`,
        end: `${inTwoWeeks}T16:30`,
        capacity: 12,
        audience: { kind: 'members', networks: [lavallee.network] },
        registrationRequired: true,
        status: 'published',
        example: true,
      },
    );
  }
  if (events.length) await EventModel.insertMany(events);
  return events.length;
}
