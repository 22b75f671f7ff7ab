// Programmes end to end on the real database: a manager publishes a recurring event, the agenda, the place page and
// the feeds show it, audiences hide members-only events, registrations fill seats and a waiting list moves up.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import nodeIcal from 'node-ical';
import { UserModel } from '../../server/auth/user.model.ts';
import { OutboxModel } from '../../server/mail/outbox.model.ts';
import { EventModel } from '../../server/programmes/event.model.ts';
import { RegistrationModel } from '../../server/programmes/registration.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const HALL = 'over-entinghe-dwingeloo';

/** A date a few weeks ahead, as the form sends it ("YYYY-MM-DDTHH:mm"). */
function ahead(days: number, time = '19:30'): string {
  return `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;
}

const cafeForm = (overrides: Record<string, string | string[]> = {}) => ({
  where: `location:${HALL}`,
  language: 'nl',
  'title.nl': 'Ondernemerscafé Dwingeloo',
  'title.fr': 'Café des entrepreneurs de Dwingeloo',
  'description.nl': 'Elke eerste maandag: koffie en elkaars vragen.',
  category: 'ondernemerscafe',
  start: ahead(20),
  end: ahead(20, '21:30'),
  rrule: 'FREQ=MONTHLY;BYDAY=1MO',
  capacity: '12',
  audience: 'open',
  registrationRequired: 'on',
  'price.public': '0',
  currency: 'EUR',
  status: 'published',
  ...overrides,
});

async function mailTo(to: string, until = Date.now() + 3000) {
  for (;;) {
    const mail = await OutboxModel.findOne({ to }).sort({ _id: -1 }).lean();
    if (mail || Date.now() > until) return mail;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('programmes (integration)', function () {
  let app: TestApp;
  let drenthe: Types.ObjectId;
  let smart: Types.ObjectId;

  beforeEach(async () => {
    await clearDatabase();
    const ids = await createNetworks();
    drenthe = ids.get('dorpshuizen-drenthe')!;
    smart = ids.get('smart-be')!;
    await insertPlaces(realPlace(ids, HALL, { status: 'published' }));
    await createPerson({
      name: 'Hanna Hall',
      email: 'hanna@example.org',
      memberships: [{ network: drenthe, networkAdmin: true }],
    });
    await createPerson({ name: 'Dirk Drenthe', email: 'dirk@example.org', memberships: [{ network: drenthe }] });
    await createPerson({ name: 'Sam Smart', email: 'sam@example.org', memberships: [{ network: smart }] });
    await UserModel.updateOne({ email: 'sam@example.org' }, { $set: { preferredLanguage: 'fr' } });
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  async function publishCafe(overrides: Record<string, string | string[]> = {}): Promise<string> {
    const hanna = await TestClient.signedIn(app, 'hanna@example.org');
    const res = await hanna.post('/manage/events/new', cafeForm(overrides));
    expect(res.status, await res.clone().text()).to.equal(303);
    return /\/manage\/events\/([a-f0-9]{24})\/edit/.exec(res.headers.get('location')!)![1]!;
  }

  it('when a manager publishes a monthly café, then the agenda, the place page and the event page show it, with JSON-LD', async () => {
    const id = await publishCafe();
    const agenda = await (await app.get('/agenda?lang=fr')).text();
    expect(agenda).to.include('Café des entrepreneurs de Dwingeloo');
    const place = await (await app.get(`/locations/${HALL}?lang=nl`)).text();
    expect(place).to.include('Ondernemerscafé Dwingeloo');
    expect(place).to.include(`/calendar/locations/${HALL}.ics`);
    const page = await (await app.get(`/events/${id}?lang=en`)).text();
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(page)![1]!) as {
      '@type': string;
      startDate: string;
      location: { '@type': string; address: { addressLocality: string } };
    };
    expect(ld['@type']).to.equal('Event');
    expect(ld.location['@type']).to.equal('Place');
    expect(ld.location.address.addressLocality).to.be.a('string').and.not.empty;
    // 19:30 in Dwingeloo is 18:30 or 17:30 UTC, as the season says.
    expect(ld.startDate).to.match(/T1[78]:30:00\.000Z$/);
    const json = (await (await app.get(`/api/v1/events?category=ondernemerscafe`)).json()) as { total: number };
    expect(json.total).to.be.greaterThan(6);
  });

  it('when a rule never ends, then the agenda shows occurrences up to the horizon and not beyond', async () => {
    await publishCafe({ rrule: 'FREQ=WEEKLY' });
    const json = (await (await app.get('/api/v1/events?page=1')).json()) as { total: number };
    // One a week from 20 days ahead to the end of the 366-day horizon: (366 - 20) / 7 weeks, and the first.
    expect(json.total).to.equal(Math.floor((366 - 20) / 7) + 1);
  });

  it('when the form has an invalid rule, an end before the start or an unknown time zone, then it answers 400 in French and stores nothing', async () => {
    const hanna = await TestClient.signedIn(app, 'hanna@example.org');
    for (const [fields, message] of [
      [{ rrule: 'FREQ=SOMETIMES' }, 'FREQ=DAILY'],
      [{ rrule: 'every monday' }, 'règle de récurrence'],
      [{ end: ahead(19) }, 'La fin doit venir après le début'],
      [{ timeZone: 'Europe/Atlantis' }, 'fuseau horaire'],
    ] as const) {
      const res = await hanna.request('/manage/events/new?lang=fr', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: await hanna.csrf(),
          ...cafeForm(fields),
        }),
      });
      expect(res.status).to.equal(400);
      expect(await res.text()).to.include(message);
    }
    expect(await EventModel.countDocuments()).to.equal(0);
  });

  it('when an API client lowers the capacity below the seats taken, then it answers 400 and keeps the capacity', async () => {
    const id = await publishCafe({ capacity: '3' });
    const event = await EventModel.findById(id).lean();
    const key = (await (await app.get(`/api/v1/events/${id}`)).json()) as { occurrences: { key: string }[] };
    const dirk = await TestClient.signedIn(app, 'dirk@example.org');
    const sam = await TestClient.signedIn(app, 'sam@example.org');
    for (const client of [dirk, sam]) await client.post(`/events/${id}/${key.occurrences[0]!.key}/register`, {});
    const seats = (await RegistrationModel.find({ status: 'registered' }).lean()).map((r) => r.seat!);
    const hanna = await TestClient.signedIn(app, 'hanna@example.org');
    const res = await hanna.request(`/api/v1/events/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': await hanna.csrf() },
      body: JSON.stringify({ capacity: Math.max(...seats) - 1 }),
    });
    expect(res.status).to.equal(400);
    expect((await EventModel.findById(id).lean())!.capacity).to.equal(event!.capacity);
  });

  it('when an event is for members of one network, then others never see it in the agenda, its JSON, its page or the feeds', async () => {
    const id = await publishCafe({ audience: 'members', audienceNetworks: 'dorpshuizen-drenthe' });
    expect(((await (await app.get('/api/v1/events')).json()) as { total: number }).total).to.equal(0);
    expect((await app.get(`/events/${id}`)).status).to.equal(404);
    expect((await app.get(`/api/v1/events/${id}`)).status).to.equal(404);
    expect(await (await app.get(`/calendar/locations/${HALL}.ics`)).text()).to.not.include('BEGIN:VEVENT');
    expect(await (await app.get('/calendar/agenda.ics')).text()).to.not.include('BEGIN:VEVENT');
    const sam = await TestClient.signedIn(app, 'sam@example.org');
    expect((await sam.get(`/events/${id}`)).status).to.equal(404);
    const dirk = await TestClient.signedIn(app, 'dirk@example.org');
    expect((await dirk.get(`/events/${id}`)).status).to.equal(200);
    expect(await (await dirk.get('/agenda')).text()).to.include('Ondernemerscafé Dwingeloo');
  });

  it('when the only seat is taken and its holder cancels, then the first on the waiting list gets it and a mail in their language', async () => {
    const id = await publishCafe({ capacity: '1' });
    const { occurrences } = (await (await app.get(`/api/v1/events/${id}`)).json()) as {
      occurrences: { key: string }[];
    };
    const key = occurrences[0]!.key;
    const dirk = await TestClient.signedIn(app, 'dirk@example.org');
    const sam = await TestClient.signedIn(app, 'sam@example.org');
    await dirk.post(`/events/${id}/${key}/register`, {});
    await sam.post(`/events/${id}/${key}/register`, {});
    expect(await (await sam.get(`/events/${id}/${key}?lang=en`)).text()).to.include('You are on the waiting list');
    await dirk.post(`/events/${id}/${key}/unregister`, {});
    expect(await (await sam.get(`/events/${id}/${key}?lang=en`)).text()).to.include('You are registered.');
    const mail = await mailTo('sam@example.org');
    expect(mail?.subject).to.include('Une place s’est libérée');
  });

  it('when a visitor registers by e-mail, then the mailed link confirms the registration', async () => {
    const id = await publishCafe();
    const { occurrences } = (await (await app.get(`/api/v1/events/${id}`)).json()) as {
      occurrences: { key: string }[];
    };
    const visitor = new TestClient(app);
    const res = await visitor.post(`/events/${id}/${occurrences[0]!.key}/register?lang=nl`, {
      name: 'Vera Visitor',
      email: 'vera@example.org',
    });
    expect(res.status).to.equal(202);
    expect((await RegistrationModel.findOne().lean())!.status).to.equal('pending');
    const mail = await mailTo('vera@example.org');
    expect(mail?.subject).to.include('Bevestig uw inschrijving');
    const link = /\/registrations\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    await visitor.post(`/registrations/${link}/confirm`, {});
    expect((await RegistrationModel.findOne().lean())!.status).to.equal('registered');
  });

  it('when the agenda is exported as iCalendar, then a calendar program reads the rule in the place’s zone, its exception and its cancelled date', async () => {
    const id = await publishCafe({ rrule: 'FREQ=WEEKLY;COUNT=6' });
    const { occurrences } = (await (await app.get(`/api/v1/events/${id}`)).json()) as {
      occurrences: { key: string; start: string }[];
    };
    const hanna = await TestClient.signedIn(app, 'hanna@example.org');
    await hanna.post(`/manage/events/${id}/occurrences/${occurrences[1]!.key}/cancel`, {});
    await EventModel.updateOne({ _id: id }, { $set: { exdates: [occurrences[2]!.key] } });
    const text = await (await app.get('/calendar/agenda.ics')).text();
    const parsed = Object.values(nodeIcal.sync.parseICS(text)).filter(
      (c): c is nodeIcal.VEvent => c?.type === 'VEVENT',
    );
    const series = parsed.find((e) => e.rrule)!;
    expect(series.rrule!.toString()).to.include('FREQ=WEEKLY;COUNT=6');
    expect((series.start as Date & { tz?: string }).tz).to.equal('Europe/Amsterdam');
    expect(series.start.toISOString()).to.equal(occurrences[0]!.start);
    expect(Object.values(series.exdate ?? {}).map((d) => (d as Date).toISOString())).to.include(occurrences[2]!.start);
    const cancelled = Object.values(series.recurrences ?? {})[0] ?? parsed.find((e) => e.recurrenceid);
    expect(cancelled?.status).to.equal('CANCELLED');
    expect(series.summary).to.equal('Ondernemerscafé Dwingeloo');
  });

  it('when a manager cancels a date, then its registrants are mailed in their language and the attendee CSV says cancelled', async () => {
    const id = await publishCafe();
    const { occurrences } = (await (await app.get(`/api/v1/events/${id}`)).json()) as {
      occurrences: { key: string }[];
    };
    const key = occurrences[0]!.key;
    const sam = await TestClient.signedIn(app, 'sam@example.org');
    await sam.post(`/events/${id}/${key}/register`, {});
    const hanna = await TestClient.signedIn(app, 'hanna@example.org');
    const before = await hanna.get(`/manage/events/${id}/attendees.csv?occurrence=${key}&lang=en`);
    expect(before.headers.get('content-type')).to.match(/^text\/csv/);
    const rows = (await before.text()).trim().split('\n');
    expect(rows[0]).to.equal('Date,Name,E-mail,Status,Seat,Registered at');
    expect(rows[1]).to.include('Sam Smart,sam@example.org,Registered,');
    await hanna.post(`/manage/events/${id}/occurrences/${key}/cancel`, {});
    expect((await mailTo('sam@example.org'))?.subject).to.equal('Annulé\u00a0: Café des entrepreneurs de Dwingeloo');
    const after = await (await hanna.get(`/manage/events/${id}/attendees.csv?occurrence=${key}&lang=en`)).text();
    expect(after).to.include('sam@example.org,Cancelled');
    expect(await (await sam.get(`/events/${id}/${key}?lang=en`)).text()).to.include('This date is cancelled.');
  });

  it('when a member makes their private feed, then it lists their registrations, and a new address stops the old one', async () => {
    const id = await publishCafe();
    const { occurrences } = (await (await app.get(`/api/v1/events/${id}`)).json()) as {
      occurrences: { key: string }[];
    };
    const dirk = await TestClient.signedIn(app, 'dirk@example.org');
    await dirk.post(`/events/${id}/${occurrences[1]!.key}/register`, {});
    const feedPath = async () => {
      const html = await (await dirk.post('/me/registrations/feed', {})).text();
      return new URL(/value="(http[^"]+\.ics)"/.exec(html)![1]!).pathname;
    };
    const first = await feedPath();
    const feed = await (await app.get(first)).text();
    expect(feed.match(/BEGIN:VEVENT/g)).to.have.length(1);
    expect(feed).to.include(`${id}-${occurrences[1]!.key}@passerelle`);
    const second = await feedPath();
    expect((await app.get(first)).status).to.equal(404);
    expect((await app.get(second)).status).to.equal(200);
  });
});
