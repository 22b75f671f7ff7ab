// Programmes: the agenda of coming occurrences, one event, and the event writes the form shares.
import { z } from 'zod';
import { agendaQuerySchema, eventInputSchema, eventPatchSchema } from '../../../programmes/index.ts';
import type { OperationSpec } from '../openapi-document.ts';
import { contentText, languageMap, refused } from './shared.ts';

const idParams = z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) });

const place = z
  .object({
    slug: z.string(),
    name: contentText,
    locality: z.string(),
    countryCode: z.string(),
    lat: z.number(),
    lng: z.number(),
  })
  .loose();

const occurrence = z
  .object({
    eventId: z.string(),
    key: z.string(),
    url: z.string(),
    title: contentText,
    category: z.string(),
    start: z.string(),
    end: z.string(),
    wallStart: z.string(),
    wallEnd: z.string(),
    timeZone: z.string(),
    place: place.optional(),
    network: z.string(),
    cancelled: z.boolean(),
    membersOnly: z.boolean(),
    registrationRequired: z.boolean(),
  })
  .loose();

const eventView = z
  .object({
    id: z.string(),
    url: z.string(),
    language: z.string(),
    title: contentText,
    titleMap: languageMap,
    descriptionMap: languageMap,
    category: z.string(),
    status: z.string(),
    timeZone: z.string(),
    network: z.string(),
    place: place.optional(),
    rrule: z.string().optional(),
    capacity: z.number().int().optional(),
    prices: z.array(z.object({ category: z.string(), amount: z.number(), currency: z.string() }).loose()),
    occurrences: z.array(occurrence),
    canManage: z.boolean(),
    admitsMe: z.boolean(),
  })
  .loose();

/** What was stored, in the shape the writes take, with its id. */
const storedEvent = z.object({ id: z.string(), title: languageMap, language: z.string() }).loose();

const EDITORS = 'Managers of the event’s place and admins of its network (network-wide events: the network’s admins).';

export const programmePaths: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/v1/events',
    summary: 'The agenda: coming occurrences, filtered, a page at a time',
    tag: 'programmes',
    access: 'Anyone; members-only events only for members of the event’s network.',
    query: agendaQuerySchema,
    responses: {
      200: {
        description: 'A page of occurrences.',
        schema: z
          .object({
            items: z.array(occurrence),
            total: z.number().int(),
            page: z.number().int(),
            pages: z.number().int(),
          })
          .loose(),
      },
      ...refused(400),
    },
  },
  {
    method: 'get',
    path: '/api/v1/events/:id',
    summary: 'One event with its coming occurrences',
    tag: 'programmes',
    access: 'Anyone for a published public event; members-only ones for members; drafts for their editors.',
    params: idParams,
    responses: { 200: { description: 'The event.', schema: eventView }, ...refused(400, 404) },
  },
  {
    method: 'post',
    path: '/api/v1/events',
    summary: 'Create an event (the same fields as the event form)',
    tag: 'programmes',
    access: EDITORS,
    body: eventInputSchema,
    responses: { 201: { description: 'Created.', schema: storedEvent }, ...refused(400, 401, 403, 404) },
  },
  {
    method: 'patch',
    path: '/api/v1/events/:id',
    summary: 'Change some fields of an event (a cancelled occurrence mails its registrants)',
    tag: 'programmes',
    access: EDITORS,
    params: idParams,
    body: eventPatchSchema,
    responses: {
      200: { description: 'The event as stored.', schema: storedEvent },
      ...refused(400, 401, 403, 404),
    },
  },
];
