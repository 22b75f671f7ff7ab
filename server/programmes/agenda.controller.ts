// The agenda, event and occurrence pages with their JSON twins, and the iCalendar feeds. Reads come from the read
// model; what an anonymous reader may see is what the public feeds carry.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RouteContext } from '../app-context.ts';
import { lookUpNetwork } from '../networks/index.ts';
import { eventPlaceBySlug } from '../locations/index.ts';
import { notFound } from '../shared/errors/app-error.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import { queryString, safeQuery } from '../shared/http/query.ts';
import { objectIdField, SLUG } from '../shared/http/schema-fields.ts';
import { parseInput } from '../shared/http/validate.ts';
import { ANONYMOUS } from '../shared/principal.ts';
import type { AgendaReadModel } from './agenda-read-model.ts';
import { agendaQuerySchema, type AgendaQuery } from './agenda.schemas.ts';
import { agendaEvents, agendaPage, eventView, type OccurrenceView } from './agenda.service.ts';
import { calendarText } from './calendar.ts';
import { FEED_PREFIX, privateCalendar } from './calendar-feed.service.ts';
import { eventJsonLd, jsonLdText } from './event-json-ld.ts';
import { EVENT_CATEGORIES } from './event.vocabulary.ts';
import { ownRegistration, seatsTaken } from './registration.service.ts';
import { OCCURRENCE_KEY } from './zoned-time.ts';

/** The agenda's state, all of it in the URL, in this order. */
export const AGENDA_KEYS = [
  'from',
  'to',
  'category',
  'language',
  'network',
  'place',
  'near',
  'km',
  'open',
  'page',
] as const;

const eventParams = z.object({ id: objectIdField('programmes:validation.event') });
const occurrenceParams = eventParams.extend({
  key: z.string().regex(OCCURRENCE_KEY, { error: 'programmes:validation.occurrence' }),
});

const ICS_TYPE = 'text/calendar; charset=utf-8';

/** The places of a page of dates, for its map: each with the events listed there. */
function mapPlaces(items: OccurrenceView[]) {
  const places = new Map<
    string,
    { lat: number; lng: number; name: string; events: { title: string; url: string; when: string }[] }
  >();
  for (const item of items) {
    if (!item.place) continue;
    let place = places.get(item.place.slug);
    if (!place) {
      place = { lat: item.place.lat, lng: item.place.lng, name: item.place.name.text, events: [] };
      places.set(item.place.slug, place);
    }
    place.events.push({ title: item.title.text, url: item.url, when: item.wallStart.replace('T', ' ') });
  }
  return [...places.values()];
}

export function agendaController(ctx: RouteContext, agenda: AgendaReadModel) {
  const readQuery = (req: Request): AgendaQuery => parseInput(agendaQuerySchema, safeQuery(req));

  const feedLinks = (req: Request) => {
    const query = safeQuery(req);
    const filters = queryString(
      query,
      AGENDA_KEYS.filter((k) => k !== 'page'),
    );
    return { agendaFeed: `/calendar/agenda.ics${filters}` };
  };

  async function eventPage(req: Request, res: Response, key?: string): Promise<void> {
    const { id } = parseInput(eventParams, req.params);
    const event = await eventView(agenda, req.principal, id, req.readerLanguages);
    const occurrence = key ? event.occurrences.find((o) => o.key === key) : event.occurrences[0];
    if (key && !occurrence) throw notFound('programmes:occurrenceNotFound');
    const registration = occurrence ? await ownRegistration(req.principal, id, occurrence.key) : undefined;
    const taken = occurrence && event.capacity ? await seatsTaken(id, occurrence.key) : undefined;
    res.render('programmes/event', {
      event,
      occurrence,
      selected: Boolean(key),
      registration,
      seatsLeft: taken === undefined ? undefined : Math.max(0, event.capacity! - taken),
      jsonLd: jsonLdText(eventJsonLd(event, occurrence, ctx.config.baseUrl)),
      display: formatters(req.lang),
    });
  }

  return {
    page: async (req: Request, res: Response): Promise<void> => {
      const query = readQuery(req);
      const result = await agendaPage(agenda, req.principal, query, req.readerLanguages);
      const raw = safeQuery(req);
      res.render('programmes/agenda', {
        query,
        mapJson: jsonLdText(mapPlaces(result.items)),
        withoutNear: `/agenda${queryString(
          raw,
          AGENDA_KEYS.filter((k) => k !== 'near' && k !== 'km' && k !== 'page'),
        )}`,
        values: raw,
        result,
        categories: EVENT_CATEGORIES,
        pageUrl: (page: number) => `/agenda${queryString(raw, AGENDA_KEYS, { page: String(page) })}`,
        ...feedLinks(req),
        display: formatters(req.lang),
      });
    },

    json: async (req: Request, res: Response): Promise<void> => {
      const result = await agendaPage(agenda, req.principal, readQuery(req), req.readerLanguages);
      res.json(result);
    },

    event: (req: Request, res: Response) => eventPage(req, res),

    occurrence: async (req: Request, res: Response): Promise<void> => {
      const { key } = parseInput(occurrenceParams, req.params);
      await eventPage(req, res, key);
    },

    eventJson: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(eventParams, req.params);
      res.json(await eventView(agenda, req.principal, id, req.readerLanguages));
    },

    /** Public feeds are what anyone may see: members-only events are never in them. */
    agendaFeed: async (req: Request, res: Response): Promise<void> => {
      const events = await agendaEvents(agenda, ANONYMOUS, readQuery(req));
      res.type(ICS_TYPE).send(
        calendarText(events, {
          name: req.t('programmes:feed.agenda'),
          baseUrl: ctx.config.baseUrl,
          lang: req.readerLanguages,
        }),
      );
    },

    locationFeed: async (req: Request, res: Response): Promise<void> => {
      const slug = String(req.params.slug ?? '');
      const place = SLUG.test(slug) ? await eventPlaceBySlug(slug) : undefined;
      if (!place || place.status !== 'published') throw notFound('locationNotFound');
      const events = await agendaEvents(agenda, ANONYMOUS, { ...readQuery(req), location: slug });
      const name = pickText(place.name, place.language, req.readerLanguages)?.text ?? slug;
      res.type(ICS_TYPE).send(calendarText(events, { name, baseUrl: ctx.config.baseUrl, lang: req.readerLanguages }));
    },

    networkFeed: async (req: Request, res: Response): Promise<void> => {
      const slug = String(req.params.slug ?? '');
      const network = SLUG.test(slug) ? await lookUpNetwork(slug) : undefined;
      if (!network) throw notFound();
      const events = await agendaEvents(agenda, ANONYMOUS, { ...readQuery(req), network: slug });
      const name = pickText(network.name, network.language, req.readerLanguages)?.text ?? slug;
      res.type(ICS_TYPE).send(calendarText(events, { name, baseUrl: ctx.config.baseUrl, lang: req.readerLanguages }));
    },

    privateFeed: async (req: Request, res: Response): Promise<void> => {
      const token = String(req.params.token ?? '');
      if (!token.startsWith(FEED_PREFIX) || token.length > 100) throw notFound();
      res.type(ICS_TYPE).send(await privateCalendar(token, ctx.config.baseUrl));
    },
  };
}
