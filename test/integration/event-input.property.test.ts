// Generated bad input thrown at the event form and `POST/PATCH /api/v1/events`: never a 5xx, nothing stored when the
// answer is 4xx, and whatever is stored after a 2xx/3xx is an event whose end comes after its start.
import { expect } from 'chai';
import fc from 'fast-check';
import { EventModel, type EventRecord } from '../../server/programmes/event.model.ts';
import { floating } from '../../server/programmes/zoned-time.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 40);
const TIME_LIMIT_MS = Number(process.env.FC_TIME_LIMIT_MS ?? 40_000);
const HALL = 'over-entinghe-dwingeloo';

const NASTY = [
  '',
  ' ',
  'NaN',
  '-1',
  '0',
  '1e309',
  '2027-02-30T19:00',
  '2027-13-01T19:00',
  '2027-03-28T02:30',
  '2027-03-01T24:00',
  '2027-03-01',
  'FREQ=WEEKLY;BYDAY=XX',
  'FREQ=SECONDLY',
  'FREQ=DAILY;INTERVAL=0',
  'FREQ=YEARLY;BYMONTH=13',
  'FREQ=MONTHLY;BYDAY=1MO;COUNT=-3',
  'RRULE:FREQ=WEEKLY\nDTSTART:19700101',
  'Europe/Atlantis',
  'Etc/GMT+14',
  '{"$gt":""}',
  '__proto__',
  'location:no-such-place',
  `location:${HALL}`,
  'network:smart-be',
  'network:dorpshuizen-drenthe',
  'members',
  'published',
  'x'.repeat(5000),
];

const text = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 40 }));
const FIELDS = [
  'where',
  'language',
  'title.nl',
  'category',
  'start',
  'end',
  'timeZone',
  'rrule',
  'capacity',
  'audience',
  'audienceNetworks',
  'price.public',
  'currency',
  'status',
];

const baseForm = (): Record<string, string> => ({
  where: `location:${HALL}`,
  language: 'nl',
  'title.nl': 'Ondernemerscafé',
  category: 'ondernemerscafe',
  start: '2027-03-01T19:30',
  end: '2027-03-01T21:30',
  rrule: 'FREQ=MONTHLY;BYDAY=1MO',
  capacity: '12',
  audience: 'open',
  status: 'published',
});

const baseJson = (): Record<string, unknown> => ({
  location: HALL,
  language: 'nl',
  title: { nl: 'Ondernemerscafé' },
  category: 'ondernemerscafe',
  start: '2027-03-01T19:30',
  end: '2027-03-01T21:30',
  rrule: 'FREQ=MONTHLY;BYDAY=1MO',
  capacity: 12,
  status: 'published',
});

const jsonValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('nl', 'fr', '$gt', 'xx-YY', '__proto__'), text, { maxKeys: 3 }),
);
const JSON_KEYS = [
  'location',
  'network',
  'language',
  'title',
  'description',
  'category',
  'start',
  'end',
  'timeZone',
  'rrule',
  'exdates',
  'overrides',
  'capacity',
  'audience',
  'prices',
  'registrationRequired',
  'status',
  'extra',
];

async function storedAreValid(): Promise<void> {
  for (const event of await EventModel.find().lean<EventRecord[]>()) {
    expect(floating(event.end).getTime()).to.be.greaterThan(floating(event.start).getTime());
    expect(Object.keys(event.title).every((k) => /^[a-z]{2,3}$/.test(k))).to.equal(true);
  }
}

describe('event input, generated (integration, fast-check)', function () {
  this.timeout(TIME_LIMIT_MS * 2 + 60_000);
  let app: TestApp;
  let hanna: TestClient;

  before(async () => {
    await clearDatabase();
    const ids = await createNetworks();
    await insertPlaces(realPlace(ids, HALL));
    await createPerson({
      name: 'Hanna Hall',
      email: 'hanna@example.org',
      memberships: [{ network: ids.get('dorpshuizen-drenthe')!, networkAdmin: true }],
    });
    app = await startTestApp();
    hanna = await TestClient.signedIn(app, 'hanna@example.org');
  });
  after(async () => app.close());

  it('when the event form is sent with generated fields, then it never fails with a 5xx and a refusal stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...FIELDS), text, { maxKeys: 4 }), async (changes) => {
        const before = await EventModel.countDocuments();
        const res = await hanna.post('/manage/events/new', { ...baseForm(), ...changes });
        expect(res.status).to.be.below(500);
        if (res.status >= 400) expect(await EventModel.countDocuments()).to.equal(before);
        await storedAreValid();
      }),
      { numRuns: NUM_RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });

  it('when the API is sent generated JSON to create or change an event, then it never fails with a 5xx and a refusal changes nothing', async () => {
    const res = await hanna.request('/api/v1/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': await hanna.csrf() },
      body: JSON.stringify(baseJson()),
    });
    expect(res.status).to.equal(201);
    const { id } = (await res.json()) as { id: string };
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.dictionary(fc.constantFrom(...JSON_KEYS), jsonValue, { maxKeys: 4 }),
        async (patch, changes) => {
          const before = JSON.stringify(await EventModel.find().sort({ _id: 1 }).lean());
          const answer = await hanna.request(patch ? `/api/v1/events/${id}` : '/api/v1/events', {
            method: patch ? 'PATCH' : 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': await hanna.csrf() },
            body: JSON.stringify(patch ? changes : { ...baseJson(), ...changes }),
          });
          expect(answer.status, await answer.clone().text()).to.be.below(500);
          if (answer.status >= 400) {
            expect(JSON.stringify(await EventModel.find().sort({ _id: 1 }).lean())).to.equal(before);
          }
          await storedAreValid();
        },
      ),
      { numRuns: NUM_RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS },
    );
  });
});
