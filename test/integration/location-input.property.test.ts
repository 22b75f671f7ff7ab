// Generated bad input thrown at the location editor's form and the JSON write API: never a 5xx, nothing stored when
// the answer is 4xx, and whatever is stored after a 2xx/3xx is a valid location with no operator keys.
import { expect } from 'chai';
import fc from 'fast-check';
import { BSON } from 'mongodb';
import mongoose, { type Types } from 'mongoose';
import { API_TOKEN_PREFIX, ApiTokenModel } from '../../server/auth/api-token.model.ts';
import {
  FACILITIES,
  GOVERNANCES,
  LOCATION_TYPES,
  OPENNESS,
  SPACE_KINDS,
  TARIFF_CATEGORIES,
} from '../../server/locations/index.ts';
import { LocationModel, type Location } from '../../server/locations/location.model.ts';
import { hashSecret, newSecret } from '../../server/shared/db/secret-token.ts';
import { clearDatabase, VOLATILE_COLLECTIONS } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { NEW_SMART_PLACE, locationFormFields, storedLocationForm, type FormFields } from '../support/location-form.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 80);
/** Each property stops generating after this long (what ran so far must have passed). */
const TIME_LIMIT_MS = Number(process.env.FC_TIME_LIMIT_MS ?? 45_000);
/** FC_SEED (and FC_PATH) replay a failure that fast-check reported. */
const REPLAY = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

const A1 = 'lavallee-bruxelles';

// --- what is generated --------------------------------------------------------------------------------------------

/** Strings that have broken parsers before: numbers in disguise, bad hours, zones, codes, markup, odd unicode. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '1,5',
  '12,345.6',
  '91',
  '-181',
  '9'.repeat(400),
  'null',
  'undefined',
  'true',
  '[object Object]',
  '{"$gt":""}',
  '$gt',
  'Mo-Fr 25:00-26:00',
  'Mo-Fr 09:00-',
  'PH off;;;',
  'Mo-Su sunrise-sunset',
  'week 54 Mo 09:00-10:00',
  '24/7 "',
  'Mo-Fr 09:00-17:00; PH off',
  'Mo-Fr 09:00-17:00 || "on appointment"',
  'easter +1 day 10:00-12:00',
  'Jan-Dec Mo[1,-1] 08:00-12:00',
  'Su[-1] 00:00-24:00; 2030 Dec 25 off',
  'Mars/Olympus',
  '../../etc/passwd',
  'UTC',
  'Etc/GMT+14',
  'XX',
  'ZZ',
  'EU',
  'be',
  'ZZZ',
  'XTS',
  'javascript:alert(1)',
  'http://',
  'https://exa mple.org',
  'ftp://example.org',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<%= process.env %>',
  '\u0000',
  '\uD800',
  '\u202E',
  '🏳️‍🌈',
  'Z̴̵̜̰͔ͫ͗͢A̴̵̜̰͔ͫ͗͢L̠ͨͧͩ͘G̴̻͈͍͔̹̑͗̎̅͛́O̵̹̻̝̳͂̌̌͘',
  'COWORKING',
  'coworking ',
  'published',
  'archived',
  'dorpshuizen-drenthe',
  'anct-tiers-lieux-2019',
  'smart-be ',
  'no-such-network',
  'constructor',
  '__proto__',
];

/** Keys nobody should send: operators, prototype names, dotted paths into the document, blanks. */
const WEIRD_KEYS = [
  '$gt',
  '$ne',
  '$where',
  '$set',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'a.b.c',
  '',
  ' ',
  '_id',
  'slug',
  'status',
  'source',
  'createdAt',
  'updatedAt',
  'network.$ne',
  'name.$gt',
  'address.$where',
  'coordinates.lat',
  'source.name',
  'tariffs.0.$inc',
];

/** The editor's own field names (as the form writes them). */
const FORM_FIELDS = [
  'network',
  'language',
  'name.fr',
  'name.nl',
  'name.en',
  'name.de',
  'name.zzz',
  'description.fr',
  'description.nl',
  'type',
  'model.governance',
  'model.openness',
  'model.spaceKind',
  'address.street',
  'address.postcode',
  'address.locality',
  'address.region',
  'address.countryCode',
  'coordinates.lat',
  'coordinates.lng',
  'coordinates.approximate',
  'openingHours',
  'timeZone',
  'facilities',
  'wifiMbps',
  'capacity.desks',
  'contact.website',
  'contact.email',
  'contact.phone',
  'tariffs.0.category',
  'tariffs.0.amount',
  'tariffs.0.currency',
  'tariffs.1.amount',
  'tariffs.99.category',
];

const FORM_KEYS_WEIRD = [
  ...WEIRD_KEYS,
  'name.__proto__',
  'name.constructor',
  'name.$gt',
  'tariffs.__proto__.amount',
  'tariffs.100.amount',
  'facilities.0',
  'address.locality.$ne',
];

const hugeString = fc.oneof(
  fc.nat({ max: 20_000 }).map((n) => 'é'.repeat(n)),
  // Past the body parser's 200 kB limit.
  fc.constant('x'.repeat(210_000)),
);

const junkString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: hugeString },
);

const anyKey = fc.oneof(fc.constantFrom(...WEIRD_KEYS), fc.string({ maxLength: 12 }));

/** An object built key by key, so that "__proto__" becomes an own key (as JSON.parse makes it), not the prototype. */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

const operatorObject = fc
  .tuple(
    fc.constantFrom('$gt', '$ne', '$in', '$where', '$regex', '$exists', '$set', '$expr'),
    fc.oneof(fc.constant(''), fc.constant(null), fc.constant(1), fc.constant(['a']), fc.constant('.*')),
  )
  .map(([op, value]) => ownObject([[op, value]]));

/** Any JSON value, leaning on the wrong types and on operator objects. */
const { junk } = fc.letrec<{ junk: unknown }>((tie) => ({
  junk: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    junkString,
    fc.double(),
    fc.integer(),
    fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, 91, -181, 100_001),
    fc.boolean(),
    fc.constant(null),
    operatorObject,
    fc.array(tie('junk'), { maxLength: 4 }),
    fc.array(fc.tuple(anyKey, tie('junk')), { maxLength: 4 }).map(ownObject),
  ),
}));

/** Where a valid location can be spoiled: each field, each group, and keys inside groups that do not exist. */
const JSON_PATHS: string[][] = [
  ...Object.keys(NEW_SMART_PLACE).map((k) => [k]),
  ['name', 'fr'],
  ['name', 'en'],
  ['name', 'xx-YY'],
  ['name', '$gt'],
  ['name', '__proto__'],
  ['name', 'constructor'],
  ['description', 'nl'],
  ['model', 'governance'],
  ['model', 'openness'],
  ['model', 'spaceKind'],
  ['model', '$set'],
  ['address', 'locality'],
  ['address', 'countryCode'],
  ['address', 'postcode'],
  ['address', '$where'],
  ['coordinates', 'lat'],
  ['coordinates', 'lng'],
  ['coordinates', 'approximate'],
  ['capacity', 'desks'],
  ['contact', 'website'],
  ['contact', 'email'],
  ['contact', 'phone'],
  ['tariffs', '0'],
  ['tariffs', '0', 'amount'],
  ['tariffs', '0', 'category'],
  ['tariffs', '0', 'currency'],
  ['tariffs', '0', 'per'],
  ['tariffs', '0', '$inc'],
  ['facilities', '0'],
  ['facilities', '20'],
  ['status'],
  ['slug'],
  ['source'],
  ['_id'],
  ['__proto__'],
  ['constructor'],
  ['$where'],
];

/** A deep copy of `value` with `path` set to `replacement` (creating groups on the way, as own keys). */
function withPath(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) {
    const copy = [...(value as unknown[])];
    const index = Number(head);
    if (Number.isInteger(index)) {
      copy[index] = withPath(copy[index], rest, replacement);
      return copy.map((v) => (v === undefined ? null : v));
    }
  }
  const source = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const entries = Object.entries(source).filter(([k]) => k !== head);
  return ownObject([
    ...entries,
    [head, withPath(Object.hasOwn(source, head) ? source[head] : undefined, rest, replacement)],
  ]);
}

/** A valid location with one to three fields spoiled. */
const spoiledLocation = (valid: object) =>
  fc
    .array(fc.tuple(fc.constantFrom(...JSON_PATHS), junk), { minLength: 1, maxLength: 3 })
    .map((changes) => changes.reduce<unknown>((body, [path, value]) => withPath(body, path, value), valid));

const text = (maxLength: number) => fc.string({ unit: 'grapheme', minLength: 1, maxLength });

/** Text per language, with the listing's own language (fr) always there. */
const languageMap = (maxLength: number) =>
  fc
    .tuple(text(maxLength), fc.dictionary(fc.stringMatching(/^[a-z]{2,3}$/), text(maxLength), { maxKeys: 5 }))
    .map(([fr, others]) => ({ ...others, fr }));

/** A location at the edges of what is valid: long unicode text, extreme coordinates, odd but real hours and zones. */
const edgyLocation = fc.record({
  network: fc.constant('smart-be'),
  language: fc.constant('fr'),
  name: languageMap(200),
  description: fc.option(languageMap(5000), { nil: null }),
  type: fc.constantFrom(...LOCATION_TYPES),
  model: fc.record({
    governance: fc.constantFrom(...GOVERNANCES),
    openness: fc.constantFrom(...OPENNESS),
    spaceKind: fc.constantFrom(...SPACE_KINDS),
  }),
  address: fc.record({
    street: text(200),
    postcode: fc.string({ maxLength: 20 }),
    locality: text(200),
    countryCode: fc.constantFrom('BE', 'be', ' NL ', 'FR', 'DE', 'LU'),
  }),
  coordinates: fc.record({
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lng: fc.double({ min: -180, max: 180, noNaN: true }),
    approximate: fc.boolean(),
  }),
  openingHours: fc.option(
    fc.constantFrom(
      '24/7',
      'Mo-Fr 09:00-17:00',
      'Mo-Fr 08:00-12:00,13:00-17:30; Sa 10:00-14:00; PH off',
      'Mo-Su sunrise-sunset',
      'Tu,Th 18:00-22:00 "by appointment"',
      'Jan-Jun Mo-Fr 09:00-17:00; Jul-Aug off',
      'Mo-Fr 22:00-02:00',
      'Su[-1] 10:00-16:00',
    ),
    { nil: null },
  ),
  timeZone: fc.constantFrom('Europe/Brussels', 'UTC', 'Etc/GMT-14', 'Pacific/Kiritimati', 'America/Argentina/Ushuaia'),
  facilities: fc.array(fc.constantFrom(...FACILITIES), { maxLength: FACILITIES.length }),
  wifiMbps: fc.option(fc.double({ min: 0, max: 100_000, noNaN: true }), { nil: null }),
  capacity: fc.option(fc.record({ desks: fc.integer({ min: 0, max: 100_000 }) }), { nil: null }),
  contact: fc.option(
    fc.record({
      website: fc.webUrl({ validSchemes: ['https'] }),
      email: fc.constantFrom('info@example.org', 'a.b+listings@sub.example.co.uk'),
      phone: fc.constant('+32 2 123 45 67'),
    }),
    { nil: null },
  ),
  tariffs: fc.array(
    fc.record({
      category: fc.constantFrom(...TARIFF_CATEGORIES),
      amount: fc.double({ min: 0, max: 100_000, noNaN: true }),
      currency: fc.constantFrom('EUR', 'eur', 'CHF', 'GBP'),
    }),
    { maxLength: 20 },
  ),
});

/** What the JSON routes are sent: raw text that may not even be JSON, any value, junk objects, spoiled locations. */
const jsonBody = (valid: object, edgy: fc.Arbitrary<object>): fc.Arbitrary<{ raw: string }> =>
  fc.oneof(
    { weight: 2, arbitrary: edgy.map((v) => ({ raw: JSON.stringify(v) })) },
    { weight: 4, arbitrary: spoiledLocation(valid).map((v) => ({ raw: JSON.stringify(v) })) },
    {
      weight: 2,
      arbitrary: fc.array(fc.tuple(anyKey, junk), { maxLength: 8 }).map((e) => ({ raw: JSON.stringify(ownObject(e)) })),
    },
    { weight: 1, arbitrary: fc.anything().map((v) => ({ raw: JSON.stringify(v) ?? '' })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(fc.string(), fc.constantFrom('{', '{"a":}', '[1,', 'nul', '{"__proto__":{"x":1}}'))
        .map((raw) => ({ raw })),
    },
  );

const formValue = fc.oneof(
  { weight: 4, arbitrary: junkString },
  // A field sent twice arrives as a list.
  { weight: 1, arbitrary: fc.array(junkString, { minLength: 2, maxLength: 3 }) },
);

const formKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FORM_FIELDS) },
  { weight: 2, arbitrary: fc.constantFrom(...FORM_KEYS_WEIRD) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

/** What the form routes are sent: junk pairs alone, or a valid form with some fields spoiled or added. */
const formBody = (valid: FormFields): fc.Arbitrary<FormFields> =>
  fc.oneof(
    { weight: 1, arbitrary: edgyLocation.map((location) => locationFormFields(location)) },
    { weight: 1, arbitrary: fc.array(fc.tuple(formKey, formValue), { maxLength: 12 }).map(formOf) },
    {
      weight: 3,
      arbitrary: fc
        .array(fc.tuple(formKey, formValue), { minLength: 1, maxLength: 4 })
        .map((pairs) => ({ ...valid, ...formOf(pairs) })),
    },
  );

function formOf(pairs: [string, string | string[]][]): FormFields {
  const form: FormFields = {};
  for (const [key, value] of pairs) {
    // The CSRF field is the client's; a second one would only test the CSRF check.
    if (key !== '_csrf')
      Object.defineProperty(form, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return form;
}

// --- what must hold -------------------------------------------------------------------------------------------------

/** Every key of a stored document, at any depth, that an operator or a prototype could hide behind. */
function suspiciousKeys(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => suspiciousKeys(v, `${path}.${i}`));
  if (!value || typeof value !== 'object' || value.constructor?.name === 'ObjectId' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(key.startsWith('$') || key === '__proto__' || key === 'constructor' || key === 'prototype'
      ? [`${path}.${key}`]
      : []),
    ...suspiciousKeys(v, `${path}.${key}`),
  ]);
}

async function assertValidStored(slug: string, where: string): Promise<void> {
  const stored = await LocationModel.findOne({ slug }).lean<Location>();
  expect(stored, `the stored location ${slug}: ${where}`).to.not.equal(null);
  const invalid = await new LocationModel(stored).validate().then(
    () => undefined,
    (error: Error) => error.message,
  );
  expect(invalid, `the stored location validates: ${where}`).to.equal(undefined);
  expect(suspiciousKeys(stored), `no operator or prototype keys stored: ${where}`).to.deep.equal([]);
}

/** What an answer may never show: a stack trace, a source path, an uncaught error's name. */
const INTERNALS = /\bat [^\n]*\.(?:ts|js|ejs)["']?:\d+|ReferenceError|TypeError|node_modules/;

/**
 * What a refused request may not change: every location as stored, and of every other collection (the change feed,
 * the audit log…, which only grow) how many documents it holds and the newest id. The volatile collections may
 * change, and so may API tokens (using one is recorded).
 */
async function storedState(): Promise<Record<string, string>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const parts = await Promise.all(
    (await db.collections()).map(async (collection): Promise<[string, string][]> => {
      const name = collection.collectionName;
      if (VOLATILE_COLLECTIONS.has(name) || name === 'apitokens') return [];
      if (name === 'locations') {
        const docs = await collection.find({}).toArray();
        return docs.map((doc) => [`locations ${String(doc._id)}`, BSON.EJSON.stringify(doc)]);
      }
      const [count, newest] = await Promise.all([
        collection.countDocuments(),
        collection.find({}).sort({ _id: -1 }).limit(1).project({ _id: 1 }).toArray(),
      ]);
      return [[name, `${count} documents, newest ${String(newest[0]?._id)}`]];
    }),
  );
  return Object.fromEntries(parts.flat());
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

describe('location input, generated (property-based, integration)', function () {
  this.timeout(TIME_LIMIT_MS + 60_000);
  let app: TestApp;
  let manager: TestClient;
  let admin: TestClient;
  let managerToken: string;
  let adminToken: string;
  let a1Form: FormFields;
  const pristinePrototype = prototypeKeys();

  async function tokenOf(user: Types.ObjectId): Promise<string> {
    const token = newSecret(API_TOKEN_PREFIX);
    await ApiTokenModel.create({ user, name: 'fuzz', tokenHash: hashSecret(token), prefix: token.slice(0, 12) });
    return token;
  }

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, A1, { openingHours: 'Mo-Fr 09:00-17:00' }));
    const a1 = await LocationModel.findOne({ slug: A1 }).lean<Location>().orFail();
    const lea = await createPerson({
      name: 'Léa Manager',
      email: 'lea@example.org',
      memberships: [{ network: networks.get('smart-be')!, managedLocations: [a1._id] }],
    });
    const nadia = await createPerson({
      name: 'Nadia Admin',
      email: 'nadia@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    app = await startTestApp();
    manager = new TestClient(app);
    await manager.login(lea.email, TEST_PASSWORD);
    admin = new TestClient(app);
    await admin.login(nadia.email, TEST_PASSWORD);
    managerToken = await tokenOf(lea.id);
    adminToken = await tokenOf(nadia.id);
    a1Form = storedLocationForm(a1, 'smart-be');
  });

  after(async () => {
    await app?.close();
  });

  afterEach(function () {
    expect(prototypeKeys(), 'Object.prototype was polluted').to.equal(pristinePrototype);
  });

  /** Sends one request and checks the properties; `afterSuccess` names the location a 2xx/3xx answer stored. */
  async function judge(
    send: () => Promise<Response>,
    afterSuccess: (res: Response, body: string) => string | undefined,
    label: string,
  ): Promise<void> {
    const before = await storedState();
    const res = await send();
    const body = await res.text();
    const where = `${label} → ${res.status} ${res.headers.get('location') ?? ''} ${body.slice(0, 400)}`;
    expect(res.status, where).to.be.below(500);
    expect(body, `no internals shown: ${where}`).to.not.match(INTERNALS);
    if (res.status >= 400) {
      const after = await storedState();
      // Named, so that a failure says which collection or location changed (chai cuts a deep diff of them short).
      const changed = Object.keys({ ...before, ...after }).filter((key) => before[key] !== after[key]);
      expect(changed, `nothing stored after a ${res.status}: ${where}`).to.deep.equal([]);
      return;
    }
    const slug = afterSuccess(res, body);
    if (!slug) return;
    await assertValidStored(slug, where);
    // What was stored can be shown again: the editor and the public page render it.
    const editor = await manager.get(`/manage/locations/${slug}/edit`);
    const page = await app.get(`/locations/${slug}`);
    expect([editor.status, page.status], `the stored location renders: ${where}`).to.satisfy((s: number[]) =>
      s.every((status) => status < 500),
    );
  }

  const slugFromRedirect = (res: Response) =>
    /^\/manage\/locations\/([a-z0-9-]+)\/edit$/.exec(res.headers.get('location') ?? '')?.[1];

  /** Runs a property; `examples` (inputs that once broke something) always run first, whatever the seed. */
  const run = <T>(property: fc.IAsyncPropertyWithHooks<[T]>, examples: T[] = []) =>
    fc.assert(property, {
      numRuns: NUM_RUNS,
      plugins: [fc.interruptAfterTimeLimit(TIME_LIMIT_MS)],
      examples: examples.map((example) => [example]),
      ...REPLAY,
    });

  /** A country code that is not two letters (the region check threw), and a body past the size limit. */
  const formExamples = (valid: FormFields): FormFields[] => [
    { ...valid, 'address.countryCode': 'ZZZ' },
    { ...valid, 'address.countryCode': '!' },
    { ...valid, 'description.nl': 'x'.repeat(210_000) },
  ];
  const jsonExamples = (valid: Record<string, unknown>): { raw: string }[] => [
    { raw: JSON.stringify({ ...valid, address: { locality: 'Namur', countryCode: '' } }) },
    { raw: JSON.stringify({ ...valid, address: { locality: 'Namur', countryCode: 'B' } }) },
    { raw: '{"name":' },
  ];

  it('when the manager sends the editor form of their location with generated fields, then no answer is a 5xx and a refusal stores nothing', async function () {
    await run(
      fc.asyncProperty(formBody(a1Form), async (form: FormFields) =>
        judge(
          () => manager.post(`/manage/locations/${A1}/edit`, form),
          (res) => {
            expect(slugFromRedirect(res), 'an edit goes back to its own editor').to.equal(A1);
            return A1;
          },
          `POST /manage/locations/${A1}/edit ${JSON.stringify(form).slice(0, 300)}`,
        ),
      ),
      formExamples(a1Form),
    );
  });

  it('when a network admin sends the new-location form with generated fields, then no answer is a 5xx and a refusal stores nothing', async function () {
    await run(
      fc.asyncProperty(formBody(locationFormFields(NEW_SMART_PLACE)), async (form: FormFields) =>
        judge(
          () => admin.post('/manage/locations/new', form),
          (res) => slugFromRedirect(res),
          `POST /manage/locations/new ${JSON.stringify(form).slice(0, 300)}`,
        ),
      ),
      formExamples(locationFormFields(NEW_SMART_PLACE)),
    );
  });

  const sendJson = (method: string, path: string, raw: string, token: string) => () =>
    fetch(app.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: raw,
      redirect: 'manual',
    });

  it('when a network admin’s token sends POST /api/v1/locations with generated JSON, then no answer is a 5xx and a refusal stores nothing', async function () {
    await run(
      fc.asyncProperty(jsonBody(NEW_SMART_PLACE, edgyLocation), async ({ raw }: { raw: string }) =>
        judge(
          sendJson('POST', '/api/v1/locations', raw, adminToken),
          (res, body) => {
            expect(res.status).to.equal(201);
            return (JSON.parse(body) as { slug: string }).slug;
          },
          `POST /api/v1/locations ${raw.slice(0, 300)}`,
        ),
      ),
      jsonExamples(NEW_SMART_PLACE),
    );
  });

  it('when the manager’s token sends PATCH /api/v1/locations/:slug with generated JSON, then no answer is a 5xx and a refusal stores nothing', async function () {
    const { network: _network, ...patchable } = NEW_SMART_PLACE;
    await run(
      fc.asyncProperty(
        jsonBody(
          patchable,
          edgyLocation.map(({ network: _n, ...rest }) => rest),
        ),
        async ({ raw }: { raw: string }) =>
          judge(
            sendJson('PATCH', `/api/v1/locations/${A1}`, raw, managerToken),
            (res) => {
              expect(res.status).to.equal(200);
              return A1;
            },
            `PATCH /api/v1/locations/${A1} ${raw.slice(0, 300)}`,
          ),
      ),
      jsonExamples(patchable),
    );
  });

  it('when the generated input is done, then the public directory still answers', async function () {
    for (const path of ['/', '/api/v1/locations', '/healthz']) {
      expect((await app.get(path)).status, path).to.equal(200);
    }
  });
});
