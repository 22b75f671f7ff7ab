// Seats under concurrent registrations, on the real database: each seat is a claim by unique key, so 100 members
// asking for 10 seats at once get exactly 10, the rest wait, and cancellations move exactly as many up.
import { expect } from 'chai';
import { Types } from 'mongoose';
import { EventModel, type EventRecord } from '../../server/programmes/event.model.ts';
import { RegistrationModel } from '../../server/programmes/registration.model.ts';
import { cancelOwnRegistration, registerMember } from '../../server/programmes/registration.service.ts';
import { expand, horizonFrom } from '../../server/programmes/recurrence.ts';
import { claims } from '../../server/shared/db/claims.ts';
import type { Principal } from '../../server/shared/principal.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';

const member = (i: number, network: Types.ObjectId): Principal => ({
  kind: 'user',
  userId: new Types.ObjectId().toString(),
  name: `Member ${i}`,
  email: `member${i}@example.org`,
  preferredLanguage: 'nl',
  instanceAdmin: false,
  analyst: false,
  memberships: [
    {
      networkId: network.toString(),
      networkSlug: 'smart-be',
      category: 'member',
      networkAdmin: false,
      managedLocationIds: [],
    },
  ],
  via: 'session',
});

describe('seats of an occurrence under concurrent registrations (integration)', function () {
  let eventId: string;
  let key: string;
  let network: Types.ObjectId;

  beforeEach(async () => {
    await clearDatabase();
    network = (await createNetworks()).get('smart-be')!;
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const event = await EventModel.create({
      network,
      language: 'nl',
      title: { nl: 'Workshop boekhouden' },
      category: 'workshop',
      start: `${day}T14:00`,
      end: `${day}T16:00`,
      timeZone: 'Europe/Brussels',
      capacity: 10,
      registrationRequired: true,
      status: 'published',
    });
    eventId = event._id.toString();
    const now = new Date();
    key = expand(event.toObject() as unknown as EventRecord, now, horizonFrom(now))[0]!.key;
  });

  it('when 100 members register for 10 seats at once, then exactly 10 hold a seat, each a different one, and 90 wait', async () => {
    const people = Array.from({ length: 100 }, (_, i) => member(i, network));
    const results = await Promise.all(people.map((p) => registerMember(p, eventId, key)));

    const outcomes = results.reduce<Record<string, number>>(
      (n, r) => ({ ...n, [r.outcome]: (n[r.outcome] ?? 0) + 1 }),
      {},
    );
    expect(outcomes).to.deep.equal({ registered: 10, waiting: 90 });
    const seats = (await RegistrationModel.find({ status: 'registered' }).lean()).map((r) => r.seat);
    expect([...new Set(seats)].sort((a, b) => a! - b!)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await claims.count(`occurrence:${eventId}:${key}:seat:`)).to.equal(10);
    expect(await RegistrationModel.countDocuments({ status: 'waiting' })).to.equal(90);
  });

  it('when a member sends the same registration 20 times at once, then they hold one registration', async () => {
    const p = member(1, network);
    const results = await Promise.all(Array.from({ length: 20 }, () => registerMember(p, eventId, key)));
    expect(results.filter((r) => r.outcome === 'registered')).to.have.length(1);
    expect(await RegistrationModel.countDocuments({ user: p.userId })).to.equal(1);
  });

  it('when 5 seat holders cancel at once, then the first 5 on the waiting list move up and still 10 hold a seat', async () => {
    const people = Array.from({ length: 20 }, (_, i) => member(i, network));
    // One after the other, so the waiting list has a known order.
    for (const p of people) await registerMember(p, eventId, key);
    const holders = people.slice(0, 10);
    await Promise.all(holders.slice(0, 5).map((p) => cancelOwnRegistration(p, eventId, key)));

    const registered = await RegistrationModel.find({ status: 'registered' }).lean();
    expect(registered).to.have.length(10);
    expect(new Set(registered.map((r) => r.seat)).size).to.equal(10);
    const movedUp = registered.map((r) => r.email).filter((email) => !holders.some((h) => h.email === email));
    expect(movedUp.sort()).to.deep.equal(
      people
        .slice(10, 15)
        .map((p) => p.email)
        .sort(),
    );
    expect(await claims.count(`occurrence:${eventId}:${key}:seat:`)).to.equal(10);
  });
});
