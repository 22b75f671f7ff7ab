// Registrations: capacity kept by claims by unique key (one per seat of an occurrence, see ARCHITECTURE.md
// "Invariants"), one registration per person per occurrence (a claim too), a waiting list that moves up when a seat
// is given back, and visitors confirmed by a secret link.
import { randomInt } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { Types } from 'mongoose';
import { auditedWrite, recordAudit } from '../audit/index.ts';
import { claims } from '../shared/db/claims.ts';
import { hashSecret, newSecret } from '../shared/db/secret-token.ts';
import { conflict, forbidden, notFound, unauthorized } from '../shared/errors/app-error.ts';
import { ANONYMOUS, assertAllowed, type Principal } from '../shared/principal.ts';
import { EventModel, type EventRecord } from './event.model.ts';
import { admitsPrincipal, canManageEvent, maySeeEvent } from './event.policy.ts';
import { occurrenceOf, type Occurrence } from './recurrence.ts';
import { RegistrationModel, type Registration } from './registration.model.ts';

/** Seat n of an occurrence: of concurrent claims of one key exactly one wins, so no seat is given twice. */
export const seatKey = (eventId: string, occurrence: string, n: number): string =>
  `occurrence:${eventId}:${occurrence}:seat:${n}`;
/** One live registration per person per occurrence (an account, or a visitor's address). */
const personKey = (eventId: string, occurrence: string, who: string): string =>
  `occurrence:${eventId}:${occurrence}:person:${who}`;
const personOf = (r: Pick<Registration, 'user' | 'email'>) =>
  r.user ? `user-${r.user.toString()}` : `mail-${hashSecret(r.email.toLowerCase())}`;

export type RegisterOutcome = 'registered' | 'waiting' | 'already' | 'pending';

export interface RegisterResult {
  outcome: RegisterOutcome;
  registration: Registration;
  /** A visitor's secret link (only when just created). */
  token?: string;
}

export interface CancelledRegistration {
  registration: Registration;
  event: EventRecord;
}

async function publishedEvent(id: string): Promise<EventRecord> {
  const event = Types.ObjectId.isValid(id) ? await EventModel.findById(id).lean<EventRecord>() : null;
  if (!event || event.status === 'draft') throw notFound('programmes:eventNotFound');
  return event;
}

/** The occurrence one may register for: one that exists, is not cancelled and has not begun. */
function openOccurrence(event: EventRecord, key: string, now: Date): Occurrence {
  const occurrence = occurrenceOf(event, key, now);
  if (!occurrence) throw notFound('programmes:occurrenceNotFound');
  if (event.status !== 'published' || occurrence.cancelled) throw conflict('programmes:register.cancelled');
  if (!event.registrationRequired) throw conflict('programmes:register.notNeeded');
  if (occurrence.start <= now) throw conflict('programmes:register.past');
  return occurrence;
}

/** Tries the seats 1..capacity from a random one (so concurrent registrations rarely race for the same key). */
async function claimSeat(eventId: string, occurrence: string, capacity: number, owner: string) {
  const first = randomInt(capacity);
  for (let i = 0; i < capacity; i += 1) {
    const n = ((first + i) % capacity) + 1;
    if (await claims.claim(seatKey(eventId, occurrence, n), { owner })) return n;
  }
  return undefined;
}

/** Claims the person's key, then a seat (or the waiting list); releases both if storing fails. */
async function enter(
  p: Principal,
  event: EventRecord,
  occurrence: Occurrence,
  person: { user?: string; email: string; name: string; language: string },
  existing?: Types.ObjectId,
): Promise<RegisterResult> {
  const eventId = event._id.toString();
  const id = existing ?? new Types.ObjectId();
  const owner = id.toString();
  const who = personOf({ user: person.user ? new Types.ObjectId(person.user) : undefined, email: person.email });
  const personClaim = personKey(eventId, occurrence.key, who);
  if (!(await claims.claim(personClaim, { owner }))) {
    const held = await heldRegistration(personClaim, owner);
    if (held) return { outcome: 'already', registration: held };
    // The other attempt gave its claim back (it failed): this one may try again.
    return enter(p, event, occurrence, person, existing);
  }
  const seat = event.capacity ? await claimSeat(eventId, occurrence.key, event.capacity, owner) : undefined;
  const status: 'waiting' | 'registered' = event.capacity && seat === undefined ? 'waiting' : 'registered';
  try {
    const fields = { status, ...(seat ? { seat } : {}), confirmedAt: new Date() };
    const registration = await auditedWrite(
      p,
      [
        {
          action: existing ? 'registration.confirm' : 'registration.create',
          entityType: 'registration',
          entityId: owner,
          networkId: event.network,
          after: { event: eventId, occurrence: occurrence.key, status, seat },
        },
      ],
      async () => {
        if (existing) {
          await RegistrationModel.updateOne({ _id: existing }, { $set: fields });
          return RegistrationModel.findById(existing).lean<Registration>().orFail();
        }
        const created = await RegistrationModel.create({
          _id: id,
          event: event._id,
          occurrence: occurrence.key,
          occurrenceStart: occurrence.start,
          ...(person.user ? { user: person.user } : {}),
          email: person.email,
          name: person.name,
          language: person.language,
          tokenHash: hashSecret(newSecret()),
          ...fields,
        });
        return created.toObject();
      },
    );
    return { outcome: status, registration };
  } catch (error) {
    if (seat) await claims.release(seatKey(eventId, occurrence.key, seat), owner);
    await claims.release(personClaim, owner);
    throw error;
  }
}

const HELD_WAIT_MS = 3000;

/**
 * The registration holding a person's claim. A retry of the same registration (a double click, a resent request)
 * finds the claim a moment before the first attempt has stored its registration: it waits for it, and answers it.
 * Undefined when the claim was given back meanwhile.
 */
async function heldRegistration(key: string, owner: string): Promise<Registration | undefined> {
  const deadline = Date.now() + HELD_WAIT_MS;
  for (;;) {
    const holder = await claims.holder(key);
    if (!holder || holder.owner === owner) return undefined;
    const held = holder.owner ? await RegistrationModel.findById(holder.owner).lean<Registration>() : null;
    if (held) return held;
    if (Date.now() > deadline) throw conflict('programmes:register.busy');
    await setTimeout(40);
  }
}

/** A member's one-click registration. */
export async function registerMember(p: Principal, eventId: string, key: string, now = new Date()) {
  if (p.kind !== 'user' || !p.userId || !p.email) throw unauthorized();
  const event = await publishedEvent(eventId);
  if (!maySeeEvent(p, event)) throw notFound('programmes:eventNotFound');
  if (!admitsPrincipal(p, event)) throw forbidden();
  const occurrence = openOccurrence(event, key, now);
  return enter(p, event, occurrence, {
    user: p.userId,
    email: p.email,
    name: p.name ?? p.email,
    language: p.preferredLanguage ?? 'en',
  });
}

/** A visitor's registration by e-mail: stored as pending, with a link to confirm it (mailed by the caller). */
export async function requestVisitorRegistration(
  eventId: string,
  key: string,
  person: { email: string; name: string; language: string },
  now = new Date(),
): Promise<RegisterResult> {
  const event = await publishedEvent(eventId);
  if (!admitsPrincipal(ANONYMOUS, event)) throw notFound('programmes:eventNotFound');
  const occurrence = openOccurrence(event, key, now);
  const token = newSecret();
  const registration = await RegistrationModel.create({
    event: event._id,
    occurrence: occurrence.key,
    occurrenceStart: occurrence.start,
    email: person.email,
    name: person.name,
    language: person.language,
    status: 'pending',
    tokenHash: hashSecret(token),
  });
  await recordAudit(ANONYMOUS, {
    action: 'registration.request',
    entityType: 'registration',
    entityId: registration._id.toString(),
    networkId: event.network,
  });
  return { outcome: 'pending', registration: registration.toObject(), token };
}

export interface TokenView {
  registration: Registration;
  event: EventRecord;
}

/** The registration a mailed link names. */
export async function registrationByToken(token: string): Promise<TokenView> {
  const registration = await RegistrationModel.findOne({ tokenHash: hashSecret(token) }).lean<Registration>();
  if (!registration) throw notFound('programmes:registrationNotFound');
  const event = await EventModel.findById(registration.event).lean<EventRecord>();
  if (!event) throw notFound('programmes:registrationNotFound');
  return { registration, event };
}

/** Confirms a visitor's registration from its link: it then takes a seat or a place on the waiting list. */
export async function confirmByToken(token: string, now = new Date()): Promise<RegisterResult> {
  const { registration, event } = await registrationByToken(token);
  if (registration.status !== 'pending') return { outcome: 'already', registration };
  const occurrence = openOccurrence(event, registration.occurrence, now);
  const person = { email: registration.email, name: registration.name, language: registration.language };
  return enter(ANONYMOUS, event, occurrence, person, registration._id);
}

/**
 * Gives a registration up: its seat and person claims are released, and the first on the waiting list takes the
 * freed seat. Returns the person moved up, if any, to be told.
 */
async function cancel(p: Principal, registration: Registration): Promise<Registration | undefined> {
  if (registration.status === 'cancelled') return undefined;
  const eventId = registration.event.toString();
  const owner = registration._id.toString();
  await auditedWrite(
    p,
    [
      {
        action: 'registration.cancel',
        entityType: 'registration',
        entityId: owner,
        before: { status: registration.status },
        after: { status: 'cancelled' },
      },
    ],
    () =>
      RegistrationModel.updateOne(
        { _id: registration._id },
        { $set: { status: 'cancelled', cancelledAt: new Date() }, $unset: { seat: 1 } },
      ),
  );
  await claims.release(personKey(eventId, registration.occurrence, personOf(registration)), owner);
  if (!registration.seat) return undefined;
  await claims.release(seatKey(eventId, registration.occurrence, registration.seat), owner);
  return moveUp(eventId, registration.occurrence, registration.seat);
}

/** The first waiting person claims the freed seat; someone registering at that instant may win it instead. */
async function moveUp(eventId: string, occurrence: string, seat: number): Promise<Registration | undefined> {
  const waiting = await RegistrationModel.find({ event: eventId, occurrence, status: 'waiting' })
    .sort({ createdAt: 1, _id: 1 })
    .lean<Registration[]>();
  for (const next of waiting) {
    // Moving a person up happens once, though several seats may be freed at the same moment.
    const promotion = `occurrence:${eventId}:${occurrence}:moved-up:${next._id.toString()}`;
    if (!(await claims.claim(promotion, { owner: next._id.toString() }))) continue;
    if (!(await claims.claim(seatKey(eventId, occurrence, seat), { owner: next._id.toString() }))) {
      await claims.release(promotion);
      return undefined;
    }
    const moved = await RegistrationModel.updateOne(
      { _id: next._id, status: 'waiting' },
      { $set: { status: 'registered', seat } },
    );
    if (moved.modifiedCount === 1) return { ...next, status: 'registered', seat };
    // Cancelled meanwhile: the seat goes to the next one.
    await claims.release(seatKey(eventId, occurrence, seat), next._id.toString());
    await claims.release(promotion);
  }
  return undefined;
}

export async function cancelByToken(token: string): Promise<{ view: TokenView; movedUp?: Registration }> {
  const view = await registrationByToken(token);
  const movedUp = await cancel(ANONYMOUS, view.registration);
  return { view: { ...view, registration: { ...view.registration, status: 'cancelled' } }, movedUp };
}

/** A member gives up their own registration for an occurrence. */
export async function cancelOwnRegistration(p: Principal, eventId: string, key: string) {
  if (p.kind !== 'user' || !p.userId) throw unauthorized();
  const event = await publishedEvent(eventId);
  const registration = await RegistrationModel.findOne({
    event: event._id,
    occurrence: key,
    user: p.userId,
    status: { $ne: 'cancelled' },
  }).lean<Registration>();
  if (!registration) throw notFound('programmes:registrationNotFound');
  return { event, movedUp: await cancel(p, registration) };
}

/** Ends every live registration of an event (or of one occurrence), when it is cancelled. */
export async function cancelRegistrationsOf(
  p: Principal,
  eventId: string,
  occurrence?: string,
): Promise<CancelledRegistration[]> {
  const event = await EventModel.findById(eventId).lean<EventRecord>();
  if (!event) return [];
  const live = await RegistrationModel.find({
    event: eventId,
    ...(occurrence ? { occurrence } : {}),
    status: { $ne: 'cancelled' },
  }).lean<Registration[]>();
  if (live.length === 0) return [];
  await auditedWrite(
    p,
    [
      {
        action: 'registration.cancel-all',
        entityType: 'event',
        entityId: eventId,
        networkId: event.network,
        after: { occurrence: occurrence ?? 'all', count: live.length },
      },
    ],
    () =>
      RegistrationModel.updateMany(
        { _id: { $in: live.map((r) => r._id) } },
        { $set: { status: 'cancelled', cancelledAt: new Date() } },
      ),
  );
  await claims.releaseAll(`occurrence:${eventId}:${occurrence ? `${occurrence}:` : ''}`);
  return live.map((registration) => ({ registration, event }));
}

/** The highest seat held by a live registration: a capacity below it would leave someone without their seat. */
export async function highestHeldSeat(eventId: Types.ObjectId | string): Promise<number> {
  const held = await RegistrationModel.find({ event: eventId, status: 'registered', seat: { $gt: 0 } })
    .select('seat')
    .lean<{ seat: number }[]>();
  return held.reduce((max, r) => Math.max(max, r.seat), 0);
}

/** The registrations of an event (or one occurrence), for those who run it. */
export async function attendees(p: Principal, eventId: string, occurrence?: string): Promise<Registration[]> {
  const event = await publishedOrOwn(p, eventId);
  assertAllowed(p, canManageEvent(p, event));
  return RegistrationModel.find({ event: eventId, ...(occurrence ? { occurrence } : {}) })
    .sort({ occurrenceStart: 1, createdAt: 1 })
    .lean<Registration[]>();
}

async function publishedOrOwn(p: Principal, eventId: string): Promise<EventRecord> {
  assertAllowed(p, p.kind !== 'anonymous');
  const event = Types.ObjectId.isValid(eventId) ? await EventModel.findById(eventId).lean<EventRecord>() : null;
  if (!event) throw notFound('programmes:eventNotFound');
  return event;
}

/** A person's live registrations, for their page and their private feed. */
export async function registrationsOf(userId: string): Promise<Registration[]> {
  return RegistrationModel.find({ user: userId, status: { $ne: 'cancelled' } })
    .sort({ occurrenceStart: 1 })
    .lean<Registration[]>();
}

/** A member's registration for an occurrence, if live. */
export async function ownRegistration(p: Principal, eventId: string, key: string) {
  if (p.kind !== 'user' || !p.userId) return undefined;
  return (
    (await RegistrationModel.findOne({
      event: eventId,
      occurrence: key,
      user: p.userId,
      status: { $ne: 'cancelled' },
    }).lean<Registration>()) ?? undefined
  );
}

/** How many seats of an occurrence are held. */
export const seatsTaken = (eventId: string, occurrence: string): Promise<number> =>
  claims.count(`occurrence:${eventId}:${occurrence}:seat:`);
