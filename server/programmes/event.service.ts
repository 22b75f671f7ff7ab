// Creating and changing events: the policy checked before anything is stored, every write audited, references
// (location, networks) resolved by slug, and a cancellation handed back with the registrations it cancelled so the
// caller can tell those people.
import { Types, type HydratedDocument } from 'mongoose';
import { auditedWrite } from '../audit/index.ts';
import { eventPlaceBySlug, eventPlacesByIds, type EventPlace } from '../locations/index.ts';
import { findNetworkById, lookUpNetwork } from '../networks/index.ts';
import { badRequest, fieldError, notFound } from '../shared/errors/app-error.ts';
import { parseInput } from '../shared/http/validate.ts';
import { assertAllowed, type Principal } from '../shared/principal.ts';
import { EventModel, type EventRecord } from './event.model.ts';
import { canManageEvent, manageableEventsFilter } from './event.policy.ts';
import { eventInputSchema, type EventInput, type EventPatch } from './event.schemas.ts';
import type { EventStatus } from './event.vocabulary.ts';
import { occurrenceOf } from './recurrence.ts';
import { cancelRegistrationsOf, highestHeldSeat, type CancelledRegistration } from './registration.service.ts';

type EventDocument = HydratedDocument<EventRecord>;

const V = 'programmes:validation';

/** The stored fields an input names, with its references resolved; refuses what the principal may not manage. */
async function storedFields(p: Principal, input: EventInput) {
  let place: EventPlace | undefined;
  let network: Types.ObjectId;
  if (input.location) {
    place = await eventPlaceBySlug(input.location);
    if (!place || place.status === 'archived') throw fieldError('location', `${V}.locationUnknown`);
    network = place.network;
  } else {
    const found = await lookUpNetwork(input.network!);
    if (!found) throw fieldError('network', `${V}.networkUnknown`);
    network = found._id;
  }
  assertAllowed(p, canManageEvent(p, { network, location: place?.id }));
  const timeZone = input.timeZone ?? place?.timeZone;
  if (!timeZone) throw fieldError('timeZone', `${V}.timeZone`);
  const audienceNetworks: Types.ObjectId[] = [];
  for (const slug of input.audience.kind === 'members' ? input.audience.networks : []) {
    const found = await lookUpNetwork(slug);
    if (!found) throw fieldError('audience.networks', `${V}.networkUnknown`);
    audienceNetworks.push(found._id);
  }
  return {
    network,
    location: place ? new Types.ObjectId(place.id) : undefined,
    language: input.language,
    title: input.title,
    description: input.description,
    category: input.category,
    start: input.start,
    end: input.end,
    timeZone,
    rrule: input.rrule ?? undefined,
    exdates: input.exdates,
    overrides: input.overrides,
    capacity: input.capacity ?? undefined,
    audience: { kind: input.audience.kind, networks: audienceNetworks },
    prices: input.prices,
    registrationRequired: input.registrationRequired,
    status: input.status,
  };
}

/** An event as its write schema names it (slugs for references): what a form shows and a PATCH is merged into. */
export async function inputOf(event: EventRecord): Promise<EventInput> {
  const place = event.location ? (await eventPlacesByIds([event.location])).get(event.location.toString()) : undefined;
  const network = event.location ? undefined : await findNetworkById(event.network);
  const audience = [];
  for (const id of event.audience.networks) {
    const found = await findNetworkById(id);
    if (found) audience.push(found.slug);
  }
  return {
    ...(place ? { location: place.slug } : { network: network?.slug }),
    language: event.language,
    title: event.title as Record<string, string>,
    description: (event.description ?? {}) as Record<string, string>,
    category: event.category,
    start: event.start,
    end: event.end,
    timeZone: event.timeZone,
    rrule: event.rrule ?? undefined,
    exdates: event.exdates ?? [],
    overrides: (event.overrides ?? []).map((o) => ({ ...o })),
    capacity: event.capacity ?? undefined,
    audience: { kind: event.audience.kind, networks: audience },
    prices: (event.prices ?? []).map((price) => ({ ...price })),
    registrationRequired: Boolean(event.registrationRequired),
    status: event.status,
  };
}

const plain = (doc: EventDocument): EventRecord => doc.toObject();

/** The event behind an id, for someone who may manage it: 404 when there is none, 401/403 when not theirs. */
export async function loadManageableEvent(p: Principal, id: string): Promise<EventDocument> {
  assertAllowed(p, p.kind !== 'anonymous');
  const event = Types.ObjectId.isValid(id) ? await EventModel.findById(id) : null;
  if (!event) throw notFound('programmes:eventNotFound');
  assertAllowed(p, canManageEvent(p, event));
  return event as unknown as EventDocument;
}

export async function manageableEvents(p: Principal): Promise<EventRecord[]> {
  assertAllowed(p, p.kind !== 'anonymous');
  const filter = manageableEventsFilter(p);
  if (!filter) return [];
  return EventModel.find(filter).sort({ start: -1 }).limit(500).lean<EventRecord[]>();
}

export async function createEvent(p: Principal, input: EventInput): Promise<EventRecord> {
  assertAllowed(p, p.kind !== 'anonymous');
  const event = new EventModel(await storedFields(p, input));
  await event.validate();
  await auditedWrite(
    p,
    [
      {
        action: 'event.create',
        entityType: 'event',
        entityId: event._id.toString(),
        networkId: event.network,
        before: {},
        after: event.toObject(),
      },
    ],
    () => event.save(),
  );
  return plain(event as unknown as EventDocument);
}

export interface EventChange {
  event: EventRecord;
  /** The registrations a cancellation ended, whose people are to be told. */
  cancelled: CancelledRegistration[];
}

async function saveChange(p: Principal, event: EventDocument, action: string, before: unknown): Promise<void> {
  await auditedWrite(
    p,
    [
      {
        action,
        entityType: 'event',
        entityId: event._id.toString(),
        networkId: event.network,
        before,
        after: event.toObject(),
      },
    ],
    () => event.save(),
  );
}

/** Applies a PATCH (or a whole form) to a stored event; the merged event is checked as a new one would be. */
export async function updateEvent(p: Principal, id: string, patch: EventPatch): Promise<EventChange> {
  const event = await loadManageableEvent(p, id);
  const before = event.toObject();
  const merged = parseInput(eventInputSchema, { ...(await inputOf(plain(event))), ...stripUndefined(patch) });
  const fields = await storedFields(p, merged);
  if (fields.capacity !== undefined) {
    const held = await highestHeldSeat(event._id);
    if (held > fields.capacity) {
      throw badRequest([{ field: 'capacity', key: `${V}.capacityBelowRegistrations`, params: { taken: held } }]);
    }
  }
  const wasCancelled = event.status === 'cancelled';
  event.set({ ...fields, rrule: fields.rrule ?? null, capacity: fields.capacity ?? null });
  if (fields.location === undefined) event.set('location', undefined);
  await event.validate();
  await saveChange(p, event, 'event.update', before);
  const cancelled =
    !wasCancelled && event.status === 'cancelled' ? await cancelRegistrationsOf(p, event._id.toString()) : [];
  return { event: plain(event), cancelled };
}

export async function setEventStatus(p: Principal, id: string, status: EventStatus): Promise<EventChange> {
  return updateEvent(p, id, { status });
}

/** Cancels one occurrence (RFC 5545: an override with STATUS:CANCELLED), telling its registrants. */
export async function cancelOccurrence(p: Principal, id: string, key: string, now = new Date()): Promise<EventChange> {
  const event = await loadManageableEvent(p, id);
  const record = plain(event);
  if (!occurrenceOf(record, key, now)) throw notFound('programmes:occurrenceNotFound');
  const before = event.toObject();
  const others = record.overrides.filter((o) => o.occurrence !== key);
  const own = record.overrides.find((o) => o.occurrence === key);
  event.set('overrides', [...others, { ...own, occurrence: key, cancelled: true }]);
  await saveChange(p, event, 'event.occurrence-cancel', before);
  return { event: plain(event), cancelled: await cancelRegistrationsOf(p, id, key) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
