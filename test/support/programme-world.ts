// The programme data the authorisation matrix acts on: a weekly café at A1 (created once per world, before the
// request's snapshot), registrations made for the principal who cancels them, visitors' links to confirm or cancel.
import { randomUUID } from 'node:crypto';
import { Types } from 'mongoose';
import { EventModel, type EventRecord } from '../../server/programmes/event.model.ts';
import { RegistrationModel } from '../../server/programmes/registration.model.ts';
import { expand, horizonFrom } from '../../server/programmes/recurrence.ts';
import { hashSecret, newSecret } from '../../server/shared/db/secret-token.ts';
import type { World } from './authorization-world.ts';

export const MATRIX_CAFE = 'Matrix café';

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The café's id and its first coming occurrence's key. */
export async function matrixCafe(world: World): Promise<{ id: string; key: string }> {
  let event = await EventModel.findOne({ 'title.en': MATRIX_CAFE }).lean<EventRecord>();
  if (!event) {
    const created = await EventModel.create({
      network: world.networks.A,
      location: world.locations.a1,
      language: 'en',
      title: { en: MATRIX_CAFE },
      category: 'ondernemerscafe',
      start: `${day(10)}T19:00`,
      end: `${day(10)}T21:00`,
      timeZone: 'Europe/Brussels',
      rrule: 'FREQ=WEEKLY;COUNT=8',
      capacity: 5,
      registrationRequired: true,
      status: 'published',
    });
    event = created.toObject() as unknown as EventRecord;
  }
  const now = new Date();
  const [first] = expand(event, now, horizonFrom(now));
  return { id: event._id.toString(), key: first!.key };
}

/** A live registration of `userId` for the café's first occurrence, made if there is none. */
export async function registrationOf(world: World, userId: Types.ObjectId): Promise<{ id: string; key: string }> {
  const cafe = await matrixCafe(world);
  const found = await RegistrationModel.findOne({ user: userId, status: { $ne: 'cancelled' } }).lean();
  if (!found) {
    await RegistrationModel.create({
      event: new Types.ObjectId(cafe.id),
      occurrence: cafe.key,
      occurrenceStart: new Date(),
      user: userId,
      email: `${userId.toString()}@example.org`,
      name: 'Matrix person',
      language: 'en',
      status: 'registered',
      tokenHash: hashSecret(newSecret()),
    });
  }
  return cafe;
}

/** A visitor's registration in `status`, with the secret of its link. */
export async function visitorLink(
  world: World,
  status: 'pending' | 'registered',
): Promise<{ token: string; id: string }> {
  const cafe = await matrixCafe(world);
  const token = newSecret();
  const created = await RegistrationModel.create({
    event: new Types.ObjectId(cafe.id),
    occurrence: cafe.key,
    occurrenceStart: new Date(),
    email: `visitor-${randomUUID()}@example.org`,
    name: 'Matrix visitor',
    language: 'nl',
    status,
    tokenHash: hashSecret(token),
  });
  return { token, id: created._id.toString() };
}

export const registrationStatus = async (id: string): Promise<string | undefined> =>
  (await RegistrationModel.findById(id).lean())?.status;
