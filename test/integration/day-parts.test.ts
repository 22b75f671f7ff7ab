// A location's offered day-parts and prices per day-part, through the write API and the editor's form.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const SLUG = 'lavallee-bruxelles';
const find = () => LocationModel.findOne({ slug: SLUG }).lean<Location>();

describe('day-parts and prices per day-part (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    await insertPlaces(realPlace(networks, SLUG, { status: 'published' }));
    app = await startTestApp();
    await createPerson({
      name: 'Amira Admin',
      email: 'amira@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
  });
  afterEach(async () => app.close());

  const patch = async (body: unknown) => {
    const amira = await TestClient.signedIn(app, 'amira@example.org');
    return amira.json('PATCH', `/api/v1/locations/${SLUG}`, body);
  };

  it('when an admin sends day-parts and a price for the morning, then they are stored and shown by the API', async () => {
    const res = await patch({
      dayParts: [
        { part: 'morning', from: '08:30', to: '12:30', days: ['tu', 'mo'] },
        { part: 'afternoon', from: '13:00', to: '17:30' },
      ],
      tariffs: [
        { category: 'public', amount: 7.5 },
        { category: 'public', amount: 5, dayPart: 'morning' },
      ],
    });
    expect(res.status).to.equal(200);
    const stored = await find();
    expect(stored!.dayParts.map((d) => [d.part, d.from, d.to, d.days])).to.deep.equal([
      ['morning', '08:30', '12:30', ['mo', 'tu']],
      ['afternoon', '13:00', '17:30', undefined],
    ]);
    const api = (await (await app.get(`/api/v1/locations/${SLUG}`)).json()) as { dayParts: unknown[] };
    expect(api.dayParts).to.have.length(2);
  });

  for (const [situation, body, field, key] of [
    [
      'a day-part ends before it starts',
      { dayParts: [{ part: 'morning', from: '12:00', to: '08:00' }] },
      'dayParts.0.to',
      'access:validation.dayPartHours',
    ],
    [
      'a day-part has no hours',
      { dayParts: [{ part: 'evening' }] },
      'dayParts.0.from',
      'access:validation.dayPartNoHours',
    ],
    [
      'a price names a day-part that is not offered',
      { dayParts: [], tariffs: [{ category: 'public', amount: 4, dayPart: 'evening' }] },
      'tariffs.0.dayPart',
      'access:validation.dayPartNotOffered',
    ],
    [
      'a day-part is given twice',
      {
        dayParts: [
          { part: 'morning', from: '08:00', to: '12:00' },
          { part: 'morning', from: '09:00', to: '11:00' },
        ],
      },
      'dayParts.1.part',
      'access:validation.dayPartTwice',
    ],
  ] as const) {
    it(`when ${situation}, then the API answers 400 naming the field and nothing changes`, async () => {
      const before = await find();
      const res = await patch(body);
      expect(res.status).to.equal(400);
      const answer = (await res.json()) as { error: { details: { field: string; message: string }[] } };
      expect(answer.error.details.map((d) => d.field)).to.include(field);
      expect(answer.error.details.map((d) => d.message)).to.include(localeText('en', key));
      const after = await find();
      expect(after!.dayParts).to.deep.equal(before!.dayParts);
      expect(after!.updatedAt).to.deep.equal(before!.updatedAt);
    });
  }

  it('when the editor form offers an evening with no hours, then the form comes back with the error on that field', async () => {
    const amira = await TestClient.signedIn(app, 'amira@example.org');
    const form = await (await amira.get(`/manage/locations/${SLUG}/edit?lang=en`)).text();
    expect(form).to.include('id="dayParts.evening.offered"');
    const fields: Record<string, string | string[]> = {};
    for (const match of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
      if (!/type="(checkbox|radio)"/.test(match[0])) fields[match[1]!] = match[2]!;
    }
    for (const match of form.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<\/select>/g)) {
      const chosen = /<option value="([^"]*)" selected>/.exec(match[0]);
      if (chosen) fields[match[1]!] = chosen[1]!;
    }
    for (const match of form.matchAll(/<input type="checkbox"[^>]*name="([^"]+)" value="([^"]*)" checked/g)) {
      fields[match[1]!] = match[2]!;
    }
    delete fields._csrf;
    fields['dayParts.evening.offered'] = 'on';
    const res = await amira.post(`/manage/locations/${SLUG}/edit?lang=en`, fields);
    expect(res.status).to.equal(400);
    const html = await res.text();
    expect(html).to.include('href="#dayParts.evening.from"');
    expect(html).to.include(localeText('en', 'access:validation.dayPartNoHours'));
    expect((await find())!.dayParts).to.deep.equal([]);
  });
});
