// "I would work here" against the real database: one signal per person and place, taken back at will, counted for
// those who may count it (never below five people, never who), kept at an area rather than a point, gone with the
// account.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { DemandSignalModel } from '../../server/demand/demand.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const SLUG = 'de-veldkei-havelte';
const said = { dayParts: ['morning', 'afternoon'], frequency: 'weekly' };

/** A locale text as a page shows it, its placeholders filled. */
const text = (key: string, values: Record<string, string | number> = {}) =>
  localeText('en', key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
const countText = (n: number) => text(`demand:count.people_${n === 1 ? 'one' : 'other'}`, { count: n });
const fewerText = text('demand:count.fewer_other', { count: 5 });

describe('demand signals (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let placeNetwork: Types.ObjectId;
  let otherNetwork: Types.ObjectId;
  let serial = 0;

  const person = async (spec: Partial<Parameters<typeof createPerson>[0]> = {}) => {
    serial += 1;
    const { email } = await createPerson({ name: `Person ${serial}`, email: `p${serial}@example.org`, ...spec });
    return TestClient.signedIn(app, email);
  };

  const placePage = async (client: TestClient) => {
    const res = await client.get(`/locations/${SLUG}`);
    expect(res.status).to.equal(200);
    return res.text();
  };

  beforeEach(async () => {
    await clearDatabase();
    app = await startTestApp();
    networks = await createNetworks();
    await insertPlaces(realPlace(networks, SLUG, { status: 'published' }));
    placeNetwork = (await LocationModel.findOne({ slug: SLUG }).lean())!.network;
    otherNetwork = [...networks.values()].find((id) => !id.equals(placeNetwork))!;
    await app.directory.follower.poll();
  });
  afterEach(async () => app.close());

  it('keeps what a person said at a place, shows it back to them, and takes it back', async function () {
    const amina = await person();
    const res = await amina.post(`/locations/${SLUG}/interest`, said);
    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.equal(`/locations/${SLUG}#interest`);
    const page = await placePage(amina);
    expect(page).to.include(
      text('demand:mine.said', {
        dayParts: [text('demand:dayPart.morning'), text('demand:dayPart.afternoon')].join(', '),
        frequency: text('demand:frequency.weekly'),
      }),
    );
    // The person is not counting anyone: no count on the page for a plain member.
    expect(page).not.to.include(countText(1));

    const place = (await DemandSignalModel.findOne({}).lean())!.place;
    const back = await amina.post('/interest/withdraw', { place, back: `/locations/${SLUG}` });
    expect(back.headers.get('location')).to.equal(`/locations/${SLUG}`);
    expect(await DemandSignalModel.countDocuments({})).to.equal(0);
    expect(await placePage(amina)).to.include(text('demand:place.submit'));
  });

  it('leaves the directory following the change feed, which now carries signals too', async function () {
    const amina = await person();
    await amina.post(`/locations/${SLUG}/interest`, said);
    await insertPlaces(realPlace(networks, (doc) => doc.slug !== SLUG, { status: 'published' }));
    const before = app.directory.size;
    await app.directory.follower.poll();
    expect(app.directory.size).to.equal(before + 1);
  });

  it('stores one signal per person and place, however often and however fast it is said', async function () {
    const amina = await person();
    // One page's CSRF token for all of them, as a person double-clicking sends it.
    const csrf = await amina.csrf();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => {
        const body = new URLSearchParams({ _csrf: csrf, frequency: i % 2 ? 'monthly' : 'weekly' });
        for (const part of said.dayParts) body.append('dayParts', part);
        return amina.request(`/locations/${SLUG}/interest`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
      }),
    );
    expect(answers.map((r) => r.status)).to.deep.equal(Array(6).fill(303));
    expect(await DemandSignalModel.countDocuments({})).to.equal(1);
  });

  it('counts people for the network admins of the place and analysts, as "fewer than 5" below five', async function () {
    const admin = await person({ memberships: [{ network: placeNetwork, networkAdmin: true }] });
    const otherAdmin = await person({ memberships: [{ network: otherNetwork, networkAdmin: true }] });
    const analyst = await person({ analyst: true });
    const members = await Promise.all(Array.from({ length: 6 }, () => person()));

    for (const member of members.slice(0, 3)) await member.post(`/locations/${SLUG}/interest`, said);
    expect(await placePage(admin)).to.include(fewerText);
    expect(await placePage(otherAdmin)).not.to.include(fewerText);

    for (const member of members.slice(3)) await member.post(`/locations/${SLUG}/interest`, said);
    expect(await placePage(admin)).to.include(countText(6));
    expect(await placePage(analyst)).to.include(countText(6));
    const otherPage = await placePage(otherAdmin);
    expect(otherPage).not.to.include(countText(6));
    // Nobody is shown who: no name of those who said it appears on the admin's page.
    expect(await placePage(admin)).not.to.match(/Person [3-8]\b/);
  });

  it('keeps a point where no place exists at the centre of its area, not at the point', async function () {
    const amina = await person();
    const res = await amina.post('/interest', { lat: '50.84671', lng: '4.35247', ...said });
    expect(res.status).to.equal(303);
    const signal = (await DemandSignalModel.findOne({}).lean())!;
    expect({ lat: signal.lat, lng: signal.lng, place: signal.place }).to.deep.equal({
      lat: 50.85,
      lng: 4.35,
      place: 'point:50.85,4.35',
    });
  });

  it('refuses a signal without a part of the day or with coordinates off the globe, storing nothing', async function () {
    const amina = await person();
    const noParts = await amina.post(`/locations/${SLUG}/interest`, { frequency: 'weekly' });
    expect(noParts.status).to.equal(400);
    expect(await noParts.text()).to.include(text('demand:validation.dayPartsEmpty'));
    const offGlobe = await amina.post('/interest', { lat: '95', lng: '4', ...said });
    expect(offGlobe.status).to.equal(400);
    expect(await offGlobe.text()).to.include(text('demand:validation.coordinates'));
    const unknownFrequency = await amina.post(`/locations/${SLUG}/interest`, { ...said, frequency: 'hourly' });
    expect(unknownFrequency.status).to.equal(400);
    expect(await DemandSignalModel.countDocuments({})).to.equal(0);
  });

  it('answers the demand layer to those who may count, in areas of five people or more only', async function () {
    const members = await Promise.all(Array.from({ length: 5 }, () => person()));
    for (const member of members) await member.post(`/locations/${SLUG}/interest`, said);
    const lonely = await person();
    await lonely.post('/interest', { lat: '43.3', lng: '5.4', ...said });

    const layer = '/api/v1/demand?bbox=-11,35,30,60&zoom=6';
    expect((await new TestClient(app).get(layer)).status).to.equal(401);
    expect((await members[0]!.get(layer)).status).to.equal(403);
    const analyst = await person({ analyst: true });
    const res = await analyst.get(layer);
    expect(res.status).to.equal(200);
    const { cells } = (await res.json()) as { cells: { people: number; places: number }[] };
    expect(cells).to.deep.equal([{ ...cells[0], people: 5, places: 1 }]);
    expect((await analyst.get('/interest/map')).status).to.equal(200);
  });

  it('puts my signals in the download of my data, and drops them with my account', async function () {
    const { email } = await createPerson({ name: 'Amina', email: 'amina@example.org' });
    const amina = await TestClient.signedIn(app, email);
    await amina.post(`/locations/${SLUG}/interest`, said);
    const data = (await (await amina.get('/me/export.json')).json()) as { interest: { location: string }[] };
    expect(data.interest.map((i) => i.location)).to.deep.equal([SLUG]);
    const deleted = await amina.post('/me/delete', { password: 'correct horse battery staple' });
    expect(deleted.status).to.be.within(300, 399);
    expect(await DemandSignalModel.countDocuments({})).to.equal(0);
  });
});
