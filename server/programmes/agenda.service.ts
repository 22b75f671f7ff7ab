// Reading the agenda: coming occurrences from the read model, filtered by the URL's filters and by who may see them
// (a members-only event is never shown to others), and the views of an event and an occurrence in the reader's
// language.
import { pickText, type ContentText, type ReaderLanguages } from '../shared/i18n/content-text.ts';
import { notFound } from '../shared/errors/app-error.ts';
import { foldText } from '../shared/text/normalize.ts';
import type { Principal } from '../shared/principal.ts';
import type { AgendaEvent, AgendaOccurrence, AgendaReadModel } from './agenda-read-model.ts';
import type { AgendaQuery } from './agenda.schemas.ts';
import { admitsPrincipal, canManageEvent, maySeeEvent } from './event.policy.ts';
import { wallAt } from './zoned-time.ts';

export const AGENDA_PAGE_SIZE = 30;

export interface PlaceView {
  slug: string;
  name: ContentText;
  street?: string;
  postcode?: string;
  locality: string;
  countryCode: string;
  lat: number;
  lng: number;
}

export interface OccurrenceView {
  eventId: string;
  key: string;
  url: string;
  title: ContentText;
  category: string;
  start: string;
  end: string;
  /** Wall times at the place. */
  wallStart: string;
  wallEnd: string;
  timeZone: string;
  place?: PlaceView;
  network: string;
  cancelled: boolean;
  membersOnly: boolean;
  registrationRequired: boolean;
  free: boolean;
  example: boolean;
}

export interface EventView extends Omit<
  OccurrenceView,
  'key' | 'url' | 'start' | 'end' | 'wallStart' | 'wallEnd' | 'cancelled'
> {
  id: string;
  url: string;
  language: string;
  description?: ContentText;
  titleMap: Record<string, string>;
  descriptionMap: Record<string, string>;
  status: string;
  rrule?: string;
  capacity?: number;
  prices: { category: string; amount: number; currency: string }[];
  occurrences: OccurrenceView[];
  canManage: boolean;
  admitsMe: boolean;
}

const DAY_MS = 24 * 3600_000;

function placeView(event: AgendaEvent, lang: ReaderLanguages): PlaceView | undefined {
  const place = event.place;
  if (!place) return undefined;
  return {
    slug: place.slug,
    name: pickText(place.name, place.language, lang) ?? { text: place.slug, lang: place.language, fallback: true },
    ...(place.address.street ? { street: place.address.street } : {}),
    ...(place.address.postcode ? { postcode: place.address.postcode } : {}),
    locality: place.address.locality,
    countryCode: place.address.countryCode,
    lat: place.coordinates.lat,
    lng: place.coordinates.lng,
  };
}

const titleOf = (event: AgendaEvent, lang: ReaderLanguages): ContentText =>
  pickText(event.record.title, event.record.language, lang) ?? {
    text: '—',
    lang: event.record.language,
    fallback: true,
  };

export function occurrenceView({ event, occurrence }: AgendaOccurrence, lang: ReaderLanguages): OccurrenceView {
  const record = event.record;
  const place = placeView(event, lang);
  return {
    eventId: event.id,
    key: occurrence.key,
    url: `/events/${event.id}/${occurrence.key}`,
    title: titleOf(event, lang),
    category: record.category,
    start: occurrence.start.toISOString(),
    end: occurrence.end.toISOString(),
    wallStart: wallAt(occurrence.start, record.timeZone),
    wallEnd: wallAt(occurrence.end, record.timeZone),
    timeZone: record.timeZone,
    ...(place ? { place } : {}),
    network: event.networkSlug,
    cancelled: occurrence.cancelled || record.status === 'cancelled',
    membersOnly: record.audience.kind === 'members',
    registrationRequired: Boolean(record.registrationRequired),
    free: (record.prices ?? []).every((p) => p.amount === 0),
    example: Boolean(record.example),
  };
}

/** Great-circle distance in km. */
function distanceKm(a: [number, number], b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a[0]) * rad;
  const dLng = (b.lng - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(h));
}

/** The filters as one predicate; visibility is part of it, so nothing hidden is ever counted or paged. */
function matcher(p: Principal, q: AgendaQuery) {
  const place = q.place ? foldText(q.place) : undefined;
  return ({ event, occurrence }: AgendaOccurrence): boolean => {
    const record = event.record;
    if (!maySeeEvent(p, record)) return false;
    if (q.category && record.category !== q.category) return false;
    if (q.language && !event.languages.includes(q.language)) return false;
    if (q.network && event.networkSlug !== q.network) return false;
    if (q.location && event.place?.slug !== q.location) return false;
    if (place && !event.placeText.includes(place)) return false;
    if (q.near && (!event.place || distanceKm(q.near, event.place.coordinates) > q.km)) return false;
    if (q.open && (!admitsPrincipal(p, record) || occurrence.cancelled || record.status === 'cancelled')) return false;
    const day = wallAt(occurrence.start, record.timeZone).slice(0, 10);
    if (q.from && day < q.from) return false;
    if (q.to && day > q.to) return false;
    return true;
  };
}

export interface AgendaPage {
  items: OccurrenceView[];
  total: number;
  page: number;
  pages: number;
}

export async function agendaPage(
  model: AgendaReadModel,
  p: Principal,
  q: AgendaQuery,
  lang: ReaderLanguages,
  pageSize = AGENDA_PAGE_SIZE,
): Promise<AgendaPage> {
  await model.fresh();
  const matching = model.coming().filter(matcher(p, q));
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(q.page, pages);
  const items = matching.slice((page - 1) * pageSize, page * pageSize).map((o) => occurrenceView(o, lang));
  return { items, total: matching.length, page, pages };
}

/** The events a feed exports (each once, recurring ones with their rule), with the same filters and visibility. */
export async function agendaEvents(model: AgendaReadModel, p: Principal, q: AgendaQuery): Promise<AgendaEvent[]> {
  await model.fresh();
  const events = new Map<string, AgendaEvent>();
  for (const o of model.coming().filter(matcher(p, q))) events.set(o.event.id, o.event);
  return [...events.values()];
}

/** One event as `p` may see it; a members-only event is not found by others. */
export async function findEvent(model: AgendaReadModel, p: Principal, id: string): Promise<AgendaEvent> {
  await model.fresh();
  const event = model.event(id);
  if (!event || !maySeeEvent(p, event.record)) throw notFound('programmes:eventNotFound');
  return event;
}

export async function eventView(
  model: AgendaReadModel,
  p: Principal,
  id: string,
  lang: ReaderLanguages,
): Promise<EventView> {
  const event = await findEvent(model, p, id);
  const record = event.record;
  const description = pickText(record.description, record.language, lang);
  const place = placeView(event, lang);
  return {
    id,
    eventId: id,
    url: `/events/${id}`,
    language: record.language,
    title: titleOf(event, lang),
    ...(description ? { description } : {}),
    titleMap: record.title as Record<string, string>,
    descriptionMap: (record.description ?? {}) as Record<string, string>,
    category: record.category,
    timeZone: record.timeZone,
    ...(place ? { place } : {}),
    network: event.networkSlug,
    status: record.status,
    ...(record.rrule ? { rrule: record.rrule } : {}),
    ...(record.capacity ? { capacity: record.capacity } : {}),
    prices: (record.prices ?? []).map(({ category, amount, currency }) => ({ category, amount, currency })),
    membersOnly: record.audience.kind === 'members',
    registrationRequired: Boolean(record.registrationRequired),
    free: (record.prices ?? []).every((price) => price.amount === 0),
    example: Boolean(record.example),
    occurrences: model.occurrencesOf(id).map((o) => occurrenceView(o, lang)),
    canManage: canManageEvent(p, record),
    admitsMe: admitsPrincipal(p, record),
  };
}

/** The place page's coming events, through the ComingEvents port of locations. */
export function comingEventsFrom(model: AgendaReadModel) {
  return {
    async at(locationSlug: string, p: Principal, lang: ReaderLanguages, limit = 5) {
      await model.fresh();
      const horizon = Date.now() + 366 * DAY_MS;
      return model
        .coming()
        .filter((o) => o.event.place?.slug === locationSlug && maySeeEvent(p, o.event.record))
        .filter((o) => o.occurrence.start.getTime() < horizon)
        .slice(0, limit)
        .map((o) => {
          const view = occurrenceView(o, lang);
          return {
            title: view.title,
            category: view.category,
            url: view.url,
            start: o.occurrence.start,
            end: o.occurrence.end,
            wallStart: view.wallStart,
            wallEnd: view.wallEnd,
            cancelled: view.cancelled,
            membersOnly: view.membersOnly,
          };
        });
    },
    feedUrl: (slug: string) => `/calendar/locations/${slug}.ics`,
  };
}
