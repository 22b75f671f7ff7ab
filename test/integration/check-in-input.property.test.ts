// Generated input thrown at the check-in's form and JSON twin: never a 5xx, and nothing recorded unless a real pass
// of the place's network was presented.
import { expect } from 'chai';
import fc from 'fast-check';
import { LocationModel } from '../../server/locations/location.model.ts';
import { UsageEventModel } from '../../server/passes/usage-event.model.ts';
import { createApiToken } from '../support/authorization-world.ts';
import { clearDatabase } from '../support/database.ts';
import { afternoonZone } from '../support/daytime-zone.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { createPerson } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 60);
const TIME_LIMIT_MS = Number(process.env.FC_TIME_LIMIT_MS ?? 30_000);
const REPLAY = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};
const PLACE = 'lavallee-bruxelles';

/**
 * Whether a text is the real pass as a decoder reads it: base64url is read leniently, so a changed last character may
 * still decode to the same bytes (and the same signature), and such a text is the pass itself.
 */
const decodesAs = (text: unknown, token: string): boolean => {
  if (typeof text !== 'string') return false;
  const parts = text.trim().split('.');
  const real = token.split('.');
  return (
    parts.length === 3 &&
    parts.every((part, i) => Buffer.from(part, 'base64url').equals(Buffer.from(real[i]!, 'base64url')))
  );
};

describe('check-in input, generated (integration, property)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let manager: TestClient;
  let token: string;
  let realToken: string;

  before(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, PLACE, { status: 'published', timeZone: afternoonZone() }));
    const place = await LocationModel.findOne({ slug: PLACE }).lean();
    await createPerson({
      name: 'Amina Benali',
      email: 'amina@example.org',
      memberships: [{ network: networks.get('smart-be')! }],
    });
    const lea = await createPerson({
      name: 'Léa Manager',
      email: 'lea@example.org',
      memberships: [{ network: networks.get('smart-be')!, managedLocations: [place!._id] }],
    });
    app = await startTestApp();
    manager = await TestClient.signedIn(app, 'lea@example.org');
    ({ token } = await createApiToken(lea.id, 'door'));
    const member = await TestClient.signedIn(app, 'amina@example.org');
    realToken = ((await (await member.get('/api/v1/me/passes')).json()) as { passes: { token: string }[] }).passes[0]!
      .token;
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  it('when anything is sent to the form or the API, then no answer is a 5xx and no visit is recorded but a real pass’s', async () => {
    /** Anything at all, and near misses of a real pass: cut, lengthened, one character changed, or a code's shape. */
    const presented: fc.Arbitrary<string> = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      fc.stringMatching(/^[2-9A-Z -]{7,13}$/),
      fc.nat().map((n) => realToken.slice(0, n % realToken.length)),
      fc.tuple(fc.nat(), fc.constantFrom('A', '.', '-', '_', '=')).map(([n, c]) => {
        const i = n % realToken.length;
        return realToken.slice(0, i) + c + realToken.slice(i + 1);
      }),
      fc.constant(`${realToken}.x`),
      fc.constant('x'.repeat(5000)),
    );
    const body: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
      presented.map((pass) => ({ pass })),
      fc.record({ pass: fc.oneof(fc.integer(), fc.array(fc.string()), fc.constant(null), fc.object()) }),
      fc.constant({}),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('verify', 'confirm'), fc.boolean(), async (sent, step, viaApi) => {
        await UsageEventModel.deleteMany({});
        const res = viaApi
          ? await new TestClient(app).json('POST', `/api/v1/manage/check-in/${PLACE}/${step}`, sent, { token })
          : await manager.post(
              `/manage/check-in/${PLACE}/${step}`,
              typeof sent.pass === 'string' ? { pass: sent.pass } : {},
            );
        await res.arrayBuffer();
        expect(res.status, JSON.stringify(sent).slice(0, 200)).to.be.below(500);
        const recorded = await UsageEventModel.countDocuments();
        if (!decodesAs(sent.pass, realToken)) expect(recorded, JSON.stringify(sent).slice(0, 200)).to.equal(0);
      }),
      { numRuns: NUM_RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, ...REPLAY },
    );
  });
});
