// Recurrence in the place's time zone: daylight-saving changes, exceptions, overrides, the horizon, and bad rules.
import { expect } from 'chai';
import {
  expand,
  HORIZON_DAYS,
  horizonFrom,
  MAX_OCCURRENCES,
  rruleProblem,
} from '../../server/programmes/recurrence.ts';
import { instantOf, instantOfKey, occurrenceKey, wallAt } from '../../server/programmes/zoned-time.ts';

const AMSTERDAM = 'Europe/Amsterdam';
const YEAR = [new Date('2027-01-01T00:00:00Z'), new Date('2028-01-01T00:00:00Z')] as const;

describe('recurrence (unit)', () => {
  it('when a weekly café at 19:00 crosses the spring daylight-saving change, then it stays at 19:00 at the place and moves an hour in UTC', () => {
    const occurrences = expand(
      { start: '2027-03-22T19:00', end: '2027-03-22T21:00', timeZone: AMSTERDAM, rrule: 'FREQ=WEEKLY;COUNT=3' },
      ...YEAR,
    );
    expect(occurrences.map((o) => wallAt(o.start, AMSTERDAM))).to.deep.equal([
      '2027-03-22T19:00',
      '2027-03-29T19:00',
      '2027-04-05T19:00',
    ]);
    expect(occurrences.map((o) => o.start.toISOString())).to.deep.equal([
      '2027-03-22T18:00:00.000Z',
      '2027-03-29T17:00:00.000Z',
      '2027-04-05T17:00:00.000Z',
    ]);
    expect(occurrences.map((o) => o.end.getTime() - o.start.getTime())).to.deep.equal([7200_000, 7200_000, 7200_000]);
  });

  it('when a monthly café on the first Monday crosses the autumn change, then each date is a first Monday at 19:00', () => {
    const occurrences = expand(
      {
        start: '2027-09-06T19:00',
        end: '2027-09-06T21:00',
        timeZone: AMSTERDAM,
        rrule: 'FREQ=MONTHLY;BYDAY=1MO;COUNT=3',
      },
      ...YEAR,
    );
    expect(occurrences.map((o) => wallAt(o.start, AMSTERDAM))).to.deep.equal([
      '2027-09-06T19:00',
      '2027-10-04T19:00',
      '2027-11-01T19:00',
    ]);
    expect(occurrences[2]!.start.toISOString()).to.equal('2027-11-01T18:00:00.000Z');
  });

  it('when a wall time falls in the spring gap or the autumn repeat, then it is read as calendar programs read it', () => {
    expect(instantOf('2027-03-28T02:30', AMSTERDAM).toISOString()).to.equal('2027-03-28T01:30:00.000Z');
    expect(instantOf('2027-10-31T02:30', AMSTERDAM).toISOString()).to.equal('2027-10-31T00:30:00.000Z');
  });

  it('when one date is an exception and another is moved, then the first is gone and the second keeps its key', () => {
    const shape = {
      start: '2027-05-03T10:00',
      end: '2027-05-03T11:00',
      timeZone: AMSTERDAM,
      rrule: 'FREQ=WEEKLY;COUNT=3',
    };
    const [first, second, third] = expand(shape, ...YEAR);
    const changed = expand(
      {
        ...shape,
        exdates: [first!.key],
        overrides: [{ occurrence: third!.key, start: '2027-05-18T14:00', end: '2027-05-18T15:00' }],
      },
      ...YEAR,
    );
    expect(changed.map((o) => o.key)).to.deep.equal([second!.key, third!.key]);
    expect(wallAt(changed[1]!.start, AMSTERDAM)).to.equal('2027-05-18T14:00');
    expect(changed[1]!.moved).to.equal(true);
  });

  it('when a rule never ends, then it is expanded up to the horizon only', () => {
    const now = new Date('2027-01-01T00:00:00Z');
    const daily = expand(
      { start: '2027-01-01T09:00', end: '2027-01-01T10:00', timeZone: AMSTERDAM, rrule: 'FREQ=DAILY' },
      now,
      horizonFrom(now),
    );
    expect(daily).to.have.length(Math.min(HORIZON_DAYS, MAX_OCCURRENCES));
    expect(daily.at(-1)!.start.getTime()).to.be.below(horizonFrom(now).getTime());
  });

  it('when a rule is malformed, has no frequency, repeats within a day or names an unknown day, then it is refused', () => {
    for (const rule of [
      'every monday',
      'BYDAY=MO',
      'FREQ=HOURLY',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=WEEKLY;INTERVAL=0',
      'FREQ=WEEKLY;FREQ=DAILY',
    ]) {
      expect(rruleProblem(rule), rule).to.be.a('string');
    }
    for (const rule of ['FREQ=MONTHLY;BYDAY=1MO', 'RRULE:FREQ=WEEKLY;COUNT=6', 'freq=yearly;until=20301231T000000Z']) {
      expect(rruleProblem(rule), rule).to.equal(undefined);
    }
  });

  it('when an occurrence key is read back, then it names the same instant, and a malformed one names none', () => {
    const start = new Date('2027-03-29T17:00:00Z');
    expect(instantOfKey(occurrenceKey(start))?.toISOString()).to.equal(start.toISOString());
    expect(instantOfKey('20271332T250000Z')).to.equal(undefined);
  });
});
