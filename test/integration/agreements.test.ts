// Agreements between networks against the real database: the workflow, races, bad input, and the prices it gives.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AgreementModel, type Agreement } from '../../server/access/agreement.model.ts';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { MembershipModel } from '../../server/networks/membership.model.ts';
import { clearDatabase } from '../support/database.ts';
import { grantFields, insertAgreement } from '../support/agreements.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const BE = 'smart-be';
const DR = 'dorpshuizen-drenthe';
const BE_PLACE = 'lavallee-bruxelles';
const DR_PLACE = 'over-entinghe-dwingeloo';

interface PriceRow {
  date: string;
  dayPart: string;
  access: boolean;
  amount?: number;
  reason: string;
  message: string;
  quota?: { left: number; included: number };
}

describe('agreements between networks (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let ids: Map<string, Types.ObjectId>;
  let amiraId: Types.ObjectId;

  const be = () => networks.get(BE)!;
  const dr = () => networks.get(DR)!;
  const agreement = (id: unknown) => AgreementModel.findById(String(id)).lean<Agreement>().orFail();

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    const dayParts = [
      { part: 'morning', from: '08:30', to: '12:30' },
      { part: 'afternoon', from: '13:00', to: '17:30' },
    ];
    await insertPlaces(
      realPlace(networks, BE_PLACE, {
        status: 'published',
        dayParts,
        tariffs: [{ category: 'public', amount: 12, currency: 'EUR' }],
        capacity: { desks: 10 },
      } as never),
      realPlace(networks, DR_PLACE, {
        status: 'published',
        dayParts,
        tariffs: [{ category: 'public', amount: 7.5, currency: 'EUR' }],
        capacity: { desks: 6 },
      } as never),
    );
    ids = new Map((await LocationModel.find().select('slug').lean()).map((l) => [l.slug, l._id]));
    app = await startTestApp();
    amiraId = (
      await createPerson({
        name: 'Amira Admin',
        email: 'amira@example.org',
        memberships: [{ network: be(), networkAdmin: true }],
      })
    ).id;
    await createPerson({
      name: 'Bram Beheerder',
      email: 'bram@example.org',
      memberships: [{ network: dr(), networkAdmin: true }],
    });
    await createPerson({ name: 'Mo Member', email: 'mo@example.org', memberships: [{ network: be() }] });
  });
  afterEach(async () => app.close());

  const signedIn = (email: string) => TestClient.signedIn(app, email);

  const proposal = (over: Record<string, unknown> = {}) => ({
    from: BE,
    partner: DR,
    grants: { [BE]: grantFields(), [DR]: grantFields({ level: 'discount', discountPercent: 50, monthlyQuota: null }) },
    ...over,
  });

  it('when Smart BE proposes, Drenthe counters and Smart BE accepts, then every version and step is kept and audited', async () => {
    const amira = await signedIn('amira@example.org');
    const bram = await signedIn('bram@example.org');
    const made = await amira.json('POST', '/api/v1/agreements', proposal());
    expect(made.status, await made.clone().text()).to.equal(201);
    const { id } = (await made.json()) as { id: string };

    // Only the awaited side answers: Smart BE cannot accept its own proposal.
    expect((await amira.json('POST', `/api/v1/agreements/${id}/accept`, { version: 1 })).status).to.equal(403);
    const countered = await bram.json('POST', `/api/v1/agreements/${id}/counter`, {
      version: 1,
      grants: { [BE]: grantFields({ monthlyQuota: 2 }) },
    });
    expect(countered.status, await countered.clone().text()).to.equal(200);
    // An answer to the version that was replaced is refused.
    expect((await amira.json('POST', `/api/v1/agreements/${id}/accept`, { version: 1 })).status).to.equal(409);
    expect((await amira.json('POST', `/api/v1/agreements/${id}/accept`, { version: 2 })).status).to.equal(200);

    const stored = await agreement(id);
    expect(stored.status).to.equal('active');
    expect(stored.acceptedVersion).to.equal(2);
    expect(stored.versions.map((v) => v.directions.length)).to.deep.equal([2, 1]);
    expect(stored.history.map((h) => h.action)).to.deep.equal(['propose', 'counter', 'accept']);
    const audited = await AuditModel.find({ entityType: 'agreement', entityId: id }).lean();
    expect(audited.map((e) => e.action)).to.have.members([
      'agreement.propose',
      'agreement.counter',
      'agreement.accept',
    ]);

    // Public now: the page shows it as a one-way grant, with its history.
    const page = await (await app.get(`/agreements/${id}?lang=en`)).text();
    expect(page).to.include(localeText('en', 'access:agreement.oneWay'));
    expect(page).to.include(localeText('en', 'access:history.action.counter'));
  });

  it('when an admin accepts and another declines the same version at once, then exactly one decision is kept', async () => {
    const id = await insertAgreement(be(), dr(), amiraId);
    await createPerson({
      name: 'Berend Beheerder',
      email: 'berend@example.org',
      memberships: [{ network: dr(), networkAdmin: true }],
    });
    const [bram, berend] = await Promise.all([signedIn('bram@example.org'), signedIn('berend@example.org')]);
    const answers = await Promise.all([
      bram.json('POST', `/api/v1/agreements/${id.toString()}/accept`, { version: 1 }),
      berend.json('POST', `/api/v1/agreements/${id.toString()}/decline`, { version: 1 }),
    ]);
    expect(answers.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    const stored = await agreement(id);
    expect(stored.history).to.have.length(2);
    expect(['active', 'declined']).to.include(stored.status);
  });

  it('when two proposals between the same networks are sent at once, then one agreement is made', async () => {
    const amira = await signedIn('amira@example.org');
    const bram = await signedIn('bram@example.org');
    const answers = await Promise.all([
      amira.json('POST', '/api/v1/agreements', proposal()),
      bram.json('POST', '/api/v1/agreements', proposal({ from: DR, partner: BE })),
    ]);
    expect(answers.map((r) => r.status).sort()).to.deep.equal([201, 400]);
    expect(await AgreementModel.countDocuments()).to.equal(1);
  });

  for (const [situation, input, field, key] of [
    [
      'the quota is below 0',
      proposal({ grants: { [BE]: grantFields({ monthlyQuota: -1 }) } }),
      `grants.${BE}.monthlyQuota`,
      'quotaNegative',
    ],
    [
      'the last day comes before the first',
      proposal({ grants: { [BE]: grantFields({ validUntil: '2025-12-31' }) } }),
      `grants.${BE}.validUntil`,
      'untilBeforeFrom',
    ],
    [
      'the cap is above the places’ desks',
      proposal({ grants: { [BE]: grantFields({ guestCap: 11 }) } }),
      `grants.${BE}.guestCap`,
      'capAboveCapacity',
    ],
    [
      'the scope names a place of the other network',
      proposal({ grants: { [BE]: grantFields({ locations: ['__DR_PLACE__'] }) } }),
      `grants.${BE}.locations`,
      'foreignLocation',
    ],
    [
      'a discount has no percentage',
      proposal({ grants: { [BE]: grantFields({ level: 'discount' }) } }),
      `grants.${BE}.discountPercent`,
      'discountRequired',
    ],
    ['nothing is granted', proposal({ grants: {} }), 'grants', 'grantsNone'],
    ['the network proposes to itself', proposal({ partner: BE }), 'partner', 'samePartner'],
  ] as const) {
    it(`when ${situation}, then the API answers 400 with the translated message and stores nothing`, async () => {
      const amira = await signedIn('amira@example.org');
      const body = JSON.parse(JSON.stringify(input).replace('__DR_PLACE__', ids.get(DR_PLACE)!.toString())) as unknown;
      const res = await amira.json('POST', '/api/v1/agreements?lang=fr', body);
      expect(res.status).to.equal(400);
      const answer = (await res.json()) as { error: { details: { field: string; message: string }[] } };
      expect(answer.error.details).to.deep.include({ field, message: localeText('fr', `access:validation.${key}`) });
      expect(await AgreementModel.countDocuments()).to.equal(0);
      expect(await AuditModel.countDocuments({ entityType: 'agreement' })).to.equal(0);
    });
  }

  it('when a proposal is not accepted yet, then only the two networks’ admins see it; once suspended, everyone does', async () => {
    const id = (await insertAgreement(be(), dr(), amiraId)).toString();
    expect((await app.get(`/api/v1/agreements/${id}`)).status).to.equal(404);
    const mo = await signedIn('mo@example.org');
    expect((await mo.get(`/api/v1/agreements/${id}`)).status).to.equal(404);
    expect((await (await signedIn('bram@example.org')).get(`/api/v1/agreements/${id}`)).status).to.equal(200);
    const list = (await (await app.get('/api/v1/agreements')).json()) as { grants: unknown[] };
    expect(list.grants).to.have.length(0);
    await AgreementModel.updateOne(
      { _id: id },
      { $set: { status: 'suspended', acceptedVersion: 1 }, $unset: { awaiting: 1 } },
    );
    const after = (await (await app.get('/api/v1/agreements')).json()) as { grants: { status: string }[] };
    expect(after.grants.map((g) => g.status)).to.deep.equal(['suspended', 'suspended']);
  });

  it('when an agreement is in force, then both networks’ pages list it with its terms, and a proposal is not listed', async () => {
    await insertAgreement(be(), dr(), amiraId, 'active');
    for (const slug of [BE, DR]) {
      const html = await (await app.get(`/networks/${slug}?lang=en`)).text();
      expect(html, slug).to.include(localeText('en', 'access:network.heading'));
      expect(html, slug).to.include(
        'At places of Village halls in Drenthe, members of Smart Belgium: Free, 4 day-parts a month',
      );
    }
    await AgreementModel.updateMany({}, { $set: { status: 'proposed' } });
    const html = await (await app.get(`/networks/${BE}?lang=en`)).text();
    expect(html).to.not.include(localeText('en', 'access:network.heading'));
  });

  describe('the prices it gives', () => {
    const prices = async (client: TestClient | TestApp, slug: string, query = '') =>
      (
        (await (await client.get(`/api/v1/locations/${slug}/prices?lang=en${query}`)).json()) as {
          prices: PriceRow[];
        }
      ).prices;

    it('when a Smart BE member looks at a Drenthe place under an active agreement, then it is free with the quota left; anonymous visitors see the public price', async () => {
      await insertAgreement(be(), dr(), amiraId, 'active');
      const mo = await signedIn('mo@example.org');
      const mine = await prices(mo, DR_PLACE, '&from=2026-03-02&days=1');
      expect(mine.map((p) => [p.dayPart, p.amount, p.reason])).to.deep.equal([
        ['morning', 0, 'agreement'],
        ['afternoon', 0, 'agreement'],
      ]);
      expect(mine[0]!.quota).to.include({ left: 4, included: 4 });
      expect(mine[0]!.message).to.equal(
        'Member of Smart Belgium at a place of Village halls in Drenthe: free. 4 of 4 included day-parts left in March.',
      );
      const anonymous = await prices(app, DR_PLACE, '&from=2026-03-02&days=1');
      expect(anonymous.map((p) => [p.amount, p.reason])).to.deep.equal([
        [7.5, 'public'],
        [7.5, 'public'],
      ]);
    });

    it('when a member’s social-programme category ended, then their own network prices them as a member', async () => {
      await LocationModel.updateOne(
        { slug: BE_PLACE },
        {
          $set: {
            tariffs: [
              { category: 'public', amount: 12, currency: 'EUR' },
              { category: 'own-member', amount: 6, currency: 'EUR' },
              { category: 'social-programme', amount: 1, currency: 'EUR' },
            ],
          },
        },
      );
      await MembershipModel.updateOne(
        { network: be(), networkAdmin: false },
        { $set: { category: 'social-programme', categoryUntil: '2026-03-15' } },
      );
      const mo = await signedIn('mo@example.org');
      const rows = await prices(mo, BE_PLACE, '&from=2026-03-15&days=2');
      expect(rows.filter((p) => p.dayPart === 'morning').map((p) => [p.date, p.amount])).to.deep.equal([
        ['2026-03-15', 1],
        ['2026-03-16', 6],
      ]);
    });

    it('when the prices are asked for more than 31 days or from a day that does not exist, then a translated 400', async () => {
      for (const query of ['&days=32', '&days=0', '&from=2026-02-30', '&days=abc']) {
        const res = await app.get(`/api/v1/locations/${DR_PLACE}/prices?lang=nl${query}`);
        expect(res.status, query).to.equal(400);
      }
    });

    it('when the place page is opened, then it shows the week with the price for me and the reason', async () => {
      await insertAgreement(be(), dr(), amiraId, 'active');
      const mo = await signedIn('mo@example.org');
      const html = await (await mo.get(`/locations/${DR_PLACE}?lang=en`)).text();
      expect(html).to.include(localeText('en', 'access:week.heading'));
      expect(html).to.match(
        /Member of Smart Belgium at a place of Village halls in Drenthe: free\. \d of 4 included day-parts left/,
      );
      const anonymous = await (await app.get(`/locations/${DR_PLACE}?lang=en`)).text();
      expect(anonymous).to.include('Public price: €7.50.');
      expect(anonymous).to.include('Members of Smart Belgium: Free, 4 day-parts a month');
    });
  });
});
