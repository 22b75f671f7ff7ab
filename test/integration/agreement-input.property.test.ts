// Generated bad input thrown at the agreement form and the JSON API: never a 5xx, nothing stored when refused, and
// what is stored after a success is an agreement whose terms hold together.
import { expect } from 'chai';
import fc from 'fast-check';
import { AgreementModel, type Agreement } from '../../server/access/agreement.model.ts';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { claims } from '../../server/shared/db/claims.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 60);
const TIME_LIMIT_MS = Number(process.env.FC_TIME_LIMIT_MS ?? 40_000);
const REPLAY = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

const BE = 'smart-be';
const DR = 'dorpshuizen-drenthe';

/** Values that have broken parsers before, for any field. */
const NASTY: unknown[] = [
  '',
  ' ',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '99999-01-01',
  'all',
  'chosen',
  'free',
  'discount',
  '{"$gt":""}',
  '$where',
  '__proto__',
  '<script>x</script>',
  'x'.repeat(2000),
  -1,
  0,
  1,
  101,
  1.5,
  Infinity,
  Number.MAX_SAFE_INTEGER,
  null,
  true,
  [],
  ['member'],
  ['ffffffffffffffffffffffff'],
  {},
  { $gt: '' },
];

const nasty = fc.constantFrom(...NASTY);

const validGrant = {
  categories: ['member'],
  level: 'free',
  monthlyQuota: 4,
  bookingRequired: false,
  hostApproves: false,
  locations: 'all',
  validFrom: '2026-01-01',
};
const GRANT_FIELDS = [...Object.keys(validGrant), 'discountPercent', 'noticeHours', 'guestCap', 'validUntil', '$set'];

/** A valid proposal with a few of its fields (top-level or in a grant) replaced by nasty values. */
const proposalBody = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...GRANT_FIELDS), nasty), { maxLength: 4 }),
    fc.array(fc.tuple(fc.constantFrom('from', 'partner', 'grants', 'note', 'extra'), nasty), { maxLength: 1 }),
    fc.boolean(),
  )
  .map(([grantChanges, topChanges, both]) => {
    const grant: Record<string, unknown> = { ...validGrant };
    for (const [key, value] of grantChanges) grant[key] = value;
    const body: Record<string, unknown> = {
      from: BE,
      partner: DR,
      grants: { [BE]: grant, ...(both ? { [DR]: { ...validGrant, level: 'public-rate' } } : {}) },
    };
    for (const [key, value] of topChanges) body[key] = value;
    return body;
  });

/** The new-agreement form's fields, a few replaced by nasty strings (a form only sends strings). */
const formBody = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'from',
        'partner',
        'note',
        ...[...GRANT_FIELDS, 'offered', 'scope'].map((f) => `grants.${BE}.${f}`),
        `grants.${DR}.offered`,
      ),
      fc.constantFrom(...NASTY.filter((v): v is string => typeof v === 'string')),
    ),
    { maxLength: 4 },
  )
  .map((changes) => {
    const p = `grants.${BE}.`;
    const form: Record<string, string | string[]> = {
      from: BE,
      partner: DR,
      [`${p}offered`]: 'on',
      [`${p}categories`]: ['member'],
      [`${p}level`]: 'free',
      [`${p}monthlyQuota`]: '4',
      [`${p}scope`]: 'all',
      [`${p}validFrom`]: '2026-01-01',
    };
    for (const [key, value] of changes) form[key] = value;
    return form;
  });

describe('agreement input properties (integration)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let admin: TestClient;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(
      realPlace(networks, 'lavallee-bruxelles', { capacity: { desks: 10 } }),
      realPlace(networks, 'over-entinghe-dwingeloo'),
    );
    await createPerson({
      name: 'Amira Admin',
      email: 'amira@example.org',
      memberships: [{ network: networks.get(BE)!, networkAdmin: true }],
    });
    app = await startTestApp();
    admin = await TestClient.signedIn(app, 'amira@example.org');
  });
  after(async () => app?.close());

  const stored = async () => ({
    agreements: await AgreementModel.countDocuments(),
    audit: await AuditModel.countDocuments({ entityType: 'agreement' }),
    claims: await claims.count('agreements:'),
  });

  /** A success is undone, so that the next run may propose between the same two networks again. */
  async function forget(): Promise<void> {
    await AgreementModel.deleteMany({});
    await claims.releaseAll('agreements:');
  }

  async function judge(send: () => Promise<Response>, where: string): Promise<void> {
    const before = await stored();
    const res = await send();
    const body = await res.text();
    expect(res.status, `${where} → ${res.status} ${body.slice(0, 300)}`).to.be.below(500);
    if (res.status >= 400) {
      expect(await stored(), `nothing stored after a ${res.status}: ${where}`).to.deep.equal(before);
      return;
    }
    const made = await AgreementModel.findOne().lean<Agreement>();
    expect(made, where).to.exist;
    for (const d of made!.versions[0]!.directions) {
      expect(d.categories.length, where).to.be.greaterThan(0);
      if (d.monthlyQuota != null) expect(d.monthlyQuota, where).to.be.at.least(0);
      if (d.validUntil) expect(d.validUntil >= d.validFrom, where).to.equal(true);
    }
    await forget();
  }

  const run = <T>(property: fc.IAsyncPropertyWithHooks<[T]>) =>
    fc.assert(property, { numRuns: NUM_RUNS, plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)], ...REPLAY });

  it('when a network admin sends POST /api/v1/agreements with generated JSON, then no answer is a 5xx and a refusal stores nothing', async function () {
    await run(
      fc.asyncProperty(proposalBody, (body: Record<string, unknown>) =>
        judge(
          () => admin.json('POST', '/api/v1/agreements', body),
          `POST /api/v1/agreements ${JSON.stringify(body).slice(0, 300)}`,
        ),
      ),
    );
  });

  it('when a network admin sends the new-agreement form with generated fields, then no answer is a 5xx and a refusal stores nothing', async function () {
    await run(
      fc.asyncProperty(formBody, (form: Record<string, string | string[]>) =>
        judge(() => admin.post('/agreements/new', form), `POST /agreements/new ${JSON.stringify(form).slice(0, 300)}`),
      ),
    );
  });
});
