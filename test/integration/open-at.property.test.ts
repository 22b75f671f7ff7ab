// Generated "open at" dates thrown at the home page and the map API: a real date and time is answered, an impossible
// one (30 February, 24:00, a 60th second, an offset of +99:99) is a translated 400, and none is ever a 5xx.
import { expect } from 'chai';
import fc from 'fast-check';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 150);
/** FC_SEED (and FC_PATH) replay a failure that fast-check reported. */
const REPLAY = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH } : {};

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: { value: number; fraction: string };
  offset?: 'Z' | { sign: '+' | '-'; hours: number; minutes: number };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dateText(d: DateParts): string {
  const second = d.second ? `:${pad(d.second.value)}${d.second.fraction}` : '';
  const offset =
    d.offset === undefined
      ? ''
      : d.offset === 'Z'
        ? 'Z'
        : `${d.offset.sign}${pad(d.offset.hours)}:${pad(d.offset.minutes)}`;
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}${second}${offset}`;
}

const isLeap = (year: number) => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether the fields name a moment that exists, worked out independently of the code under test. */
function exists(d: DateParts): boolean {
  const monthDays = d.month === 2 && isLeap(d.year) ? 29 : DAYS_IN_MONTH[d.month - 1];
  const offsetOk = d.offset === undefined || d.offset === 'Z' || (d.offset.hours < 24 && d.offset.minutes < 60);
  return (
    monthDays !== undefined &&
    d.day >= 1 &&
    d.day <= monthDays &&
    d.hour < 24 &&
    d.minute < 60 &&
    (d.second === undefined || d.second.value < 60) &&
    offsetOk
  );
}

/** Mostly in range, sometimes any two digits: both kinds of date come up often. */
const twoDigits = (min: number, max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min, max }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }) },
  );

const dateParts: fc.Arbitrary<DateParts> = fc.record(
  {
    year: fc.oneof(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
    month: twoDigits(1, 12),
    day: twoDigits(1, 31),
    hour: twoDigits(0, 23),
    minute: twoDigits(0, 59),
    second: fc.record({ value: twoDigits(0, 59), fraction: fc.constantFrom('', '.5', '.123') }),
    offset: fc.oneof(
      fc.constant<'Z'>('Z'),
      fc.record({ sign: fc.constantFrom<'+' | '-'>('+', '-'), hours: twoDigits(0, 14), minutes: twoDigits(0, 59) }),
    ),
  },
  { requiredKeys: ['year', 'month', 'day', 'hour', 'minute'] },
);

describe('"open at" dates, generated (property-based, integration)', function () {
  this.timeout(120_000);
  let app: TestApp;

  before(async function () {
    await clearDatabase();
    const networks = await createNetworks();
    // Hours of both kinds are evaluated at the asked time: plain ones and ones that follow the sun.
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'Mo-Fr 09:00-17:00; PH off' }),
      realPlace(networks, 'lavallee-bruxelles', { openingHours: 'Mo-Su sunrise-sunset' }),
    );
    app = await startTestApp();
  });
  after(async () => app?.close());

  /** 200 for a moment that exists (seconds only with an offset: a wall-clock time is read to the minute), else 400. */
  const expectedStatus = (d: DateParts) =>
    exists(d) && (d.second === undefined || d.offset !== undefined) ? 200 : 400;

  it('when the map API is asked for places open at a generated date, then it answers 200 or a translated 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(dateParts, async (d) => {
        const value = dateText(d);
        const res = await app.get(`/api/v1/locations?openAt=${encodeURIComponent(value)}`, {
          headers: { 'accept-language': 'de' },
        });
        const body = await res.text();
        expect(res.status, `${value} → ${body.slice(0, 300)}`).to.equal(expectedStatus(d));
        if (res.status === 400) {
          const { error } = JSON.parse(body) as { error: { details: { field: string; message: string }[] } };
          expect(error.details, value).to.deep.include({
            field: 'openAt',
            message: localeText('de', 'errors:validation.openAt'),
          });
        }
      }),
      {
        numRuns: NUM_RUNS,
        examples: [
          [{ year: 2026, month: 12, day: 1, hour: 10, minute: 0, offset: { sign: '+', hours: 99, minutes: 99 } }],
          [{ year: 2026, month: 12, day: 1, hour: 10, minute: 0, second: { value: 60, fraction: '' }, offset: 'Z' }],
        ],
        ...REPLAY,
      },
    );
  });

  it('when the home page is asked for places open at a generated date, then it answers 200 or a translated 400 page, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(dateParts, async (d) => {
        const value = dateText(d);
        const res = await app.get(`/?openAt=${encodeURIComponent(value)}&lang=nl`);
        const html = await res.text();
        expect(res.status, `${value} → ${html.slice(0, 300)}`).to.equal(expectedStatus(d));
        if (res.status === 400) expect(html, value).to.include(localeText('nl', 'errors:validation.openAt'));
      }),
      {
        numRuns: NUM_RUNS,
        examples: [
          [{ year: 2026, month: 12, day: 1, hour: 10, minute: 0, offset: { sign: '+', hours: 99, minutes: 99 } }],
          [{ year: 2026, month: 12, day: 1, hour: 10, minute: 0, second: { value: 60, fraction: '' }, offset: 'Z' }],
        ],
        ...REPLAY,
      },
    );
  });
});
