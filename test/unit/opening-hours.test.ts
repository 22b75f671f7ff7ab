// Opening hours are read at the place's own wall clock, across time zones and daylight-saving changes.
import { expect } from 'chai';
import {
  formatWallTime,
  openStateAt,
  openingHoursError,
  openingHoursProblem,
  parseOpeningHours,
  routeOpeningHoursOutput,
  sharedOpeningHours,
  wallDate,
  wallTimeAt,
  weekSchedule,
} from '../../server/locations/opening-hours.ts';
import { hoursView } from '../../server/locations/location.service.ts';

type HoursSource = Parameters<typeof hoursView>[0];

const LIEGE = { lat: 50.6326, lng: 5.5797 };
const DWINGELOO = { lat: 52.8339, lng: 6.3686 };
const TROMSO = { lat: 69.6496, lng: 18.956 };

function liegePlace(openingHours: string | undefined): HoursSource {
  return {
    openingHours,
    timeZone: 'Europe/Brussels',
    address: { locality: 'Liège', countryCode: 'BE' },
    coordinates: LIEGE,
  } as HoursSource;
}

function dwingelooPlace(openingHours: string | undefined): HoursSource {
  return {
    openingHours,
    timeZone: 'Europe/Amsterdam',
    address: { locality: 'Dwingeloo', countryCode: 'NL' },
    coordinates: DWINGELOO,
  } as HoursSource;
}

const wallAt = (iso: string, timeZone: string) => wallDate(wallTimeAt(new Date(iso), timeZone));

describe('wallTimeAt', () => {
  it('when an instant is read in Brussels in winter, then the wall clock is one hour ahead of UTC', () => {
    const wall = wallTimeAt(new Date('2026-11-24T15:30:00Z'), 'Europe/Brussels');

    expect(wall).to.deep.equal({ year: 2026, month: 11, day: 24, hour: 16, minute: 30 });
  });

  it('when an instant is read in Brussels in summer, then the wall clock is two hours ahead of UTC', () => {
    const wall = wallTimeAt(new Date('2026-07-01T08:15:00Z'), 'Europe/Brussels');

    expect(wall).to.deep.equal({ year: 2026, month: 7, day: 1, hour: 10, minute: 15 });
  });

  it('when the clocks go forward in Brussels on 2026-03-29, then the wall clock jumps from 01:59 to 03:00', () => {
    const before = wallTimeAt(new Date('2026-03-29T00:59:00Z'), 'Europe/Brussels');
    const after = wallTimeAt(new Date('2026-03-29T01:00:00Z'), 'Europe/Brussels');

    expect(before).to.deep.equal({ year: 2026, month: 3, day: 29, hour: 1, minute: 59 });
    expect(after).to.deep.equal({ year: 2026, month: 3, day: 29, hour: 3, minute: 0 });
  });

  it('when the clocks go back in Brussels on 2026-10-25, then two instants an hour apart read the same wall clock', () => {
    const firstTime = wallTimeAt(new Date('2026-10-25T00:30:00Z'), 'Europe/Brussels');
    const secondTime = wallTimeAt(new Date('2026-10-25T01:30:00Z'), 'Europe/Brussels');

    expect(firstTime).to.deep.equal({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 });
    expect(secondTime).to.deep.equal(firstTime);
  });

  it('when it is already tomorrow in Brussels but still today in UTC, then the Brussels calendar day is returned', () => {
    const wall = wallTimeAt(new Date('2026-12-31T23:30:00Z'), 'Europe/Brussels');

    expect(wall).to.deep.equal({ year: 2027, month: 1, day: 1, hour: 0, minute: 30 });
  });

  it('when it is midnight at the place, then the hour is 0 rather than 24', () => {
    const wall = wallTimeAt(new Date('2026-11-23T23:00:00Z'), 'Europe/Brussels');

    expect(wall).to.deep.equal({ year: 2026, month: 11, day: 24, hour: 0, minute: 0 });
  });

  it('when one instant is read in New York and in Kolkata, then each gets its own day, hour and half-hour offset', () => {
    const instant = new Date('2026-11-24T02:00:00Z');

    expect(wallTimeAt(instant, 'America/New_York')).to.deep.equal({
      year: 2026,
      month: 11,
      day: 23,
      hour: 21,
      minute: 0,
    });
    expect(wallTimeAt(instant, 'Asia/Kolkata')).to.deep.equal({ year: 2026, month: 11, day: 24, hour: 7, minute: 30 });
  });
});

describe('openStateAt', () => {
  const weekdays = parseOpeningHours('Mo-Fr 09:00-17:00', 'NL', DWINGELOO);

  it('when a weekday place is asked during its hours, then it is open and next changes at closing time today', () => {
    const state = openStateAt(weekdays, wallAt('2026-11-24T15:30:00Z', 'Europe/Amsterdam'));

    expect(state.open).to.equal(true);
    expect(state.unknown).to.equal(false);
    expect(state.nextChange?.toISOString()).to.equal(new Date(2026, 10, 24, 17, 0).toISOString());
  });

  it('when a weekday place is asked on Saturday, then it is closed and next changes on Monday at 09:00', () => {
    const state = openStateAt(weekdays, wallAt('2026-11-28T11:00:00Z', 'Europe/Amsterdam'));

    expect(state.open).to.equal(false);
    expect(state.nextChange?.toISOString()).to.equal(new Date(2026, 10, 30, 9, 0).toISOString());
  });

  it('when a place is always open, then it is open and no change is announced within the week', () => {
    const state = openStateAt(
      parseOpeningHours('24/7', 'BE', LIEGE),
      wallAt('2026-11-24T03:00:00Z', 'Europe/Brussels'),
    );

    expect(state.open).to.equal(true);
    expect(state.nextChange).to.equal(undefined);
  });
});

describe('weekSchedule', () => {
  it('when a schedule is built, then it has seven consecutive days starting on the given day', () => {
    const hours = parseOpeningHours('Mo-Fr 09:00-17:00', 'BE', LIEGE);

    const week = weekSchedule(hours, wallAt('2026-11-24T15:30:00Z', 'Europe/Brussels'));

    expect(week).to.have.length(7);
    expect(week.map((day) => day.date.getDate())).to.deep.equal([24, 25, 26, 27, 28, 29, 30]);
  });

  it('when a place is closed at the weekend, then Saturday and Sunday have no intervals', () => {
    const hours = parseOpeningHours('Mo-Fr 09:00-17:00', 'BE', LIEGE);

    const week = weekSchedule(hours, wallAt('2026-11-24T15:30:00Z', 'Europe/Brussels'));

    expect(week[0]!.intervals).to.deep.equal([{ from: '09:00', to: '17:00' }]);
    expect(week[4]!.intervals).to.deep.equal([]);
    expect(week[5]!.intervals).to.deep.equal([]);
    expect(week[6]!.intervals).to.deep.equal([{ from: '09:00', to: '17:00' }]);
  });

  it('when a place is open until midnight, then the interval ends at 24:00 rather than 00:00', () => {
    const hours = parseOpeningHours('Sa 10:00-24:00', 'BE', LIEGE);

    const week = weekSchedule(hours, wallAt('2026-11-24T15:30:00Z', 'Europe/Brussels'));

    expect(week[4]!.intervals).to.deep.equal([{ from: '10:00', to: '24:00' }]);
  });

  it('when a place is open all day every day, then each day runs from 00:00 to 24:00', () => {
    const week = weekSchedule(
      parseOpeningHours('24/7', 'BE', LIEGE),
      wallAt('2026-11-24T15:30:00Z', 'Europe/Brussels'),
    );

    for (const day of week) expect(day.intervals).to.deep.equal([{ from: '00:00', to: '24:00' }]);
  });

  it('when Friday opening runs past midnight, then it is split into Friday until 24:00 and Saturday from 00:00', () => {
    const hours = parseOpeningHours('Fr 22:00-02:00', 'BE', LIEGE);

    const week = weekSchedule(hours, wallAt('2026-11-27T12:00:00Z', 'Europe/Brussels'));

    expect(week[0]!.intervals).to.deep.equal([{ from: '22:00', to: '24:00' }]);
    expect(week[1]!.intervals).to.deep.equal([{ from: '00:00', to: '02:00' }]);
  });

  it('when an interval has a comment, then the comment is kept with it', () => {
    const hours = parseOpeningHours('Sa 10:00-12:00 "volunteers on duty"', 'BE', LIEGE);

    const week = weekSchedule(hours, wallAt('2026-11-27T12:00:00Z', 'Europe/Brussels'));

    expect(week[1]!.intervals).to.deep.equal([{ from: '10:00', to: '12:00', comment: 'volunteers on duty' }]);
  });
});

describe('openingHoursError', () => {
  it('when the value is valid OSM syntax, then there is no error', () => {
    expect(openingHoursError('Mo-Fr 09:00-17:00', 'BE')).to.equal(undefined);
    expect(openingHoursError('Mo-Fr 09:00-12:00,13:00-17:30; Sa 10:00-12:00; PH off', 'NL')).to.equal(undefined);
    expect(openingHoursError('24/7', 'FR')).to.equal(undefined);
  });

  it('when the value is not valid OSM syntax, then a non-empty message is returned', () => {
    for (const value of ['Mo-Xx 09:00-17:00', 'Mo-Fr 09:00-17:00 blah', 'Mo-Fr 25:00-26:00']) {
      const error = openingHoursError(value, 'BE');

      expect(error, value).to.be.a('string').that.is.not.empty;
    }
  });

  it('when the value is empty, then it is reported as an error', () => {
    expect(openingHoursError('', 'BE')).to.be.a('string').that.is.not.empty;
  });
});

describe('hoursView', () => {
  it('when a weekday place in Amsterdam time is viewed on Tuesday afternoon, then it is open and closes at 17:00 today', () => {
    const view = hoursView(dwingelooPlace('Mo-Fr 09:00-17:00'), new Date('2026-11-24T15:30:00Z'));

    expect(view?.open).to.equal(true);
    expect(view?.unknown).to.equal(false);
    expect(view?.nextChange).to.deep.equal({ time: '17:00', date: '2026-11-24', today: true });
  });

  it('when a weekday place is viewed on Saturday, then it is closed and opens on Monday at 09:00', () => {
    const view = hoursView(dwingelooPlace('Mo-Fr 09:00-17:00'), new Date('2026-11-28T12:00:00Z'));

    expect(view?.open).to.equal(false);
    expect(view?.nextChange).to.deep.equal({ time: '09:00', date: '2026-11-30', today: false });
  });

  it('when a place is viewed, then the week lists seven local days with their weekday and the value and zone are kept', () => {
    const view = hoursView(dwingelooPlace('Mo-Fr 09:00-17:00'), new Date('2026-11-28T12:00:00Z'));

    expect(view?.value).to.equal('Mo-Fr 09:00-17:00');
    expect(view?.timeZone).to.equal('Europe/Amsterdam');
    expect(view?.week.map((day) => [day.date, day.weekday])).to.deep.equal([
      ['2026-11-28', 6],
      ['2026-11-29', 0],
      ['2026-11-30', 1],
      ['2026-12-01', 2],
      ['2026-12-02', 3],
      ['2026-12-03', 4],
      ['2026-12-04', 5],
    ]);
    expect(view?.week[0]!.intervals).to.deep.equal([]);
    expect(view?.week[2]!.intervals).to.deep.equal([{ from: '09:00', to: '17:00' }]);
  });

  it('when it is past midnight in Brussels but still the day before in UTC, then the schedule starts on the Brussels day', () => {
    const view = hoursView(liegePlace('Mo-Fr 09:00-17:00'), new Date('2026-11-23T23:30:00Z'));

    expect(view?.week[0]!.date).to.equal('2026-11-24');
    expect(view?.open).to.equal(false);
    expect(view?.nextChange).to.deep.equal({ time: '09:00', date: '2026-11-24', today: true });
  });

  it('when a Sunday-morning place is viewed on the day clocks go forward, then summer time is used', () => {
    // 08:30 UTC is 10:30 in summer time (open) but would be 09:30 in winter time (closed).
    const view = hoursView(liegePlace('Su 10:00-12:00'), new Date('2026-03-29T08:30:00Z'));

    expect(view?.open).to.equal(true);
    expect(view?.nextChange).to.deep.equal({ time: '12:00', date: '2026-03-29', today: true });
  });

  it('when a Sunday-morning place is viewed on the day clocks go back, then winter time is used', () => {
    // 10:30 UTC is 11:30 in winter time (open) but would be 12:30 in summer time (closed).
    const view = hoursView(liegePlace('Su 10:00-12:00'), new Date('2026-10-25T10:30:00Z'));

    expect(view?.open).to.equal(true);
  });

  it('when a place opens at sunrise, then the week shows the hour the sun rises there', () => {
    const view = hoursView(liegePlace('sunrise-18:00'), new Date('2026-11-24T06:00:00Z'))!;
    const opens = view.week[0]!.intervals[0]!.from;
    expect(opens >= '08:00' && opens <= '08:15', `opens at ${opens}`).to.equal(true);
    expect(view.open).to.equal(false);
  });

  it('when a place opening at sunrise is viewed in polar night, then the view shows no hours instead of failing', () => {
    const place = { ...liegePlace('sunrise-sunset'), coordinates: TROMSO, timeZone: 'Europe/Oslo' } as HoursSource;
    const view = hoursView(place, new Date('2026-12-10T11:00:00Z'))!;
    expect(view.open).to.equal(false);
    expect(view.week[0]!.intervals).to.deep.equal([]);
  });

  it('when a place has no opening hours, then there is no hours view', () => {
    expect(hoursView(liegePlace(undefined), new Date('2026-11-24T15:30:00Z'))).to.equal(undefined);
  });

  it('when stored opening hours no longer parse, then there is no hours view instead of an error', () => {
    expect(hoursView(liegePlace('whenever we feel like it'), new Date('2026-11-24T15:30:00Z'))).to.equal(undefined);
  });
});

describe('sharedOpeningHours', () => {
  it('when two places share an ordinary value, then they share one parse and agree', () => {
    const a = sharedOpeningHours('Mo-Fr 09:00-17:00', 'BE', LIEGE, 'Europe/Brussels');
    const b = sharedOpeningHours('Mo-Fr 09:00-17:00', 'BE', { lat: 50.85, lng: 4.35 }, 'Europe/Brussels');
    expect(a).to.equal(b);
    expect(a.getState(new Date(2026, 5, 22, 10, 0))).to.equal(true);
  });

  it('when two countries share a value with public holidays, then each uses its own holidays', () => {
    // 21 July is the Belgian national day, an ordinary Tuesday in the Netherlands.
    const nationalDay = new Date(2026, 6, 21, 10, 0);
    const belgian = sharedOpeningHours('Mo-Fr 09:00-17:00; PH off', 'BE', LIEGE, 'Europe/Brussels');
    const dutch = sharedOpeningHours('Mo-Fr 09:00-17:00; PH off', 'NL', DWINGELOO, 'Europe/Amsterdam');
    expect(belgian.getState(nationalDay)).to.equal(false);
    expect(dutch.getState(nationalDay)).to.equal(true);
  });

  // In Liège the sun rises at 08:07 and sets at 16:41 on 24 November (CET), and at 05:25 and 21:54 on 22 June (CEST).
  it('when a place is open from sunrise to sunset in winter, then it opens and closes with the sun at its own clock', () => {
    const hours = sharedOpeningHours('sunrise-sunset', 'BE', LIEGE, 'Europe/Brussels');
    const at = (hour: number, minute: number) => hours.getState(new Date(2026, 10, 24, hour, minute));
    expect([at(7, 45), at(8, 30), at(16, 20), at(17, 0)]).to.deep.equal([false, true, true, false]);
  });

  it('when a place is open from sunrise to sunset in summer, then daylight saving time is taken into account', () => {
    const hours = sharedOpeningHours('sunrise-sunset', 'BE', LIEGE, 'Europe/Brussels');
    const at = (hour: number, minute: number) => hours.getState(new Date(2026, 5, 22, hour, minute));
    expect([at(5, 10), at(5, 40), at(21, 40), at(22, 10)]).to.deep.equal([false, true, true, false]);
  });

  it('when the sun does not rise at the place that day, then its state is unknown rather than an error', () => {
    // Tromsø is in polar night from late November to mid January.
    const hours = sharedOpeningHours('sunrise-sunset', 'NO', TROMSO, 'Europe/Oslo');
    const noon = new Date(2026, 11, 10, 12, 0);
    expect([hours.getState(noon), hours.getUnknown(noon)]).to.deep.equal([false, true]);
    expect(hours.getOpenIntervals(new Date(2026, 11, 10), new Date(2026, 11, 11))).to.deep.equal([]);
  });

  // Belgium moves its clocks from 02:00 to 03:00 on 29 March 2026. In Liège the sun sets at 19:03 (CET) on 28 March,
  // and rises at 07:20 and sets at 20:05 (CEST) on 29 March.
  const hhmmOf = (date: Date | undefined) => (date ? formatWallTime(date) : undefined);

  it('when the clocks go forward before a place next opens at sunrise, then the next opening is at the new time', () => {
    const hours = sharedOpeningHours('sunrise-sunset', 'BE', LIEGE, 'Europe/Brussels');
    const saturdayEvening = new Date(2026, 2, 28, 21, 0);
    const state = openStateAt(hours, saturdayEvening);
    expect(state.open).to.equal(false);
    expect(state.nextChange?.getDate()).to.equal(29);
    expect(hhmmOf(state.nextChange)).to.match(/^07:(1[5-9]|2\d)$/);
  });

  it('when the clocks go forward on a day open from sunrise to sunset, then that day shows the hours at the new time', () => {
    const hours = sharedOpeningHours('sunrise-sunset', 'BE', LIEGE, 'Europe/Brussels');
    const day = hours.getOpenIntervals(new Date(2026, 2, 29), new Date(2026, 2, 30));
    expect(day).to.have.length(1);
    expect(hhmmOf(day[0]![0])).to.match(/^07:(1[5-9]|2\d)$/);
    expect(hhmmOf(day[0]![1])).to.match(/^(19:5\d|20:0\d)$/);
  });

  it('when the clocks go back before a place next opens at sunrise, then the next opening is at the new time', () => {
    // On 25 October 2026 Belgium goes back from 03:00 to 02:00; the sun rises in Liège at 08:15 (CEST) the day before
    // and at 07:16 (CET) that day.
    const hours = sharedOpeningHours('sunrise-sunset', 'BE', LIEGE, 'Europe/Brussels');
    const state = openStateAt(hours, new Date(2026, 9, 24, 21, 0));
    expect(state.nextChange?.getDate()).to.equal(25);
    expect(hhmmOf(state.nextChange)).to.match(/^07:(1[5-9]|2\d)$/);
  });

  it('when a place open from sunset to sunrise stays open while the clocks go forward, then that night is one interval', () => {
    const hours = sharedOpeningHours('sunset-sunrise', 'BE', LIEGE, 'Europe/Brussels');
    const night = hours.getOpenIntervals(new Date(2026, 2, 28, 12, 0), new Date(2026, 2, 29, 12, 0));
    expect(night).to.have.length(1);
    expect(night[0]![0].getDate()).to.equal(28);
    expect(hhmmOf(night[0]![0])).to.match(/^(18:5\d|19:0\d)$/);
    expect(night[0]![1].getDate()).to.equal(29);
    expect(hhmmOf(night[0]![1])).to.match(/^07:(1[5-9]|2\d)$/);
  });

  it('when a sun-relative value does not parse, then it throws as an ordinary value does', () => {
    expect(() => sharedOpeningHours('sunrise-whenever', 'BE', LIEGE, 'Europe/Brussels')).to.throw();
  });
});

describe('opening hours with holidays of a region', () => {
  const MUNICH = { lat: 48.1374, lng: 11.5755 };
  const WEEKDAYS_BUT_SCHOOL_HOLIDAYS = 'Mo-Fr 09:00-17:00; SH off';
  /** What reaches the console while `run` runs: nothing should. */
  function consoleDuring(run: () => void): string[] {
    const printed: string[] = [];
    const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
    const capture = (...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    };
    Object.assign(console, { log: capture, info: capture, warn: capture, error: capture });
    try {
      run();
    } finally {
      Object.assign(console, saved);
    }
    return printed;
  }

  it("when a value names school holidays in a German Land, then they are that Land's", () => {
    const printed = consoleDuring(() => {
      const bayern = sharedOpeningHours(WEEKDAYS_BUT_SCHOOL_HOLIDAYS, 'DE', MUNICH, 'Europe/Berlin', 'Bayern');
      const berlin = sharedOpeningHours(WEEKDAYS_BUT_SCHOOL_HOLIDAYS, 'DE', MUNICH, 'Europe/Berlin', 'Berlin');
      // Wednesday 2 September 2026: Bavarian summer holidays, Berlin's are over. Wednesday 15 July: the other way round.
      expect(bayern.getState(new Date(2026, 8, 2, 10, 0))).to.equal(false);
      expect(berlin.getState(new Date(2026, 8, 2, 10, 0))).to.equal(true);
      expect(bayern.getState(new Date(2026, 6, 15, 10, 0))).to.equal(true);
      expect(berlin.getState(new Date(2026, 6, 15, 10, 0))).to.equal(false);
    });
    expect(printed).to.deep.equal([]);
  });

  it('when the page of a place with school holidays is viewed, then its region is used', () => {
    const place = {
      openingHours: WEEKDAYS_BUT_SCHOOL_HOLIDAYS,
      timeZone: 'Europe/Berlin',
      address: { locality: 'München', countryCode: 'DE', region: 'Bayern' },
      coordinates: MUNICH,
    } as HoursSource;
    expect(hoursView(place, new Date('2026-09-02T08:00:00Z'))!.open).to.equal(false);
  });

  it('when the region is one the library does not know, then the value is refused as holidays it lacks, silently', () => {
    const printed = consoleDuring(() => {
      expect(openingHoursProblem(WEEKDAYS_BUT_SCHOOL_HOLIDAYS, 'NL', 'Drenthe')).to.include({ kind: 'holidays' });
      expect(openingHoursProblem(WEEKDAYS_BUT_SCHOOL_HOLIDAYS, 'BE', undefined)).to.include({ kind: 'holidays' });
      expect(openingHoursProblem('Mo-Fr 09:00-17:00; SH whenever', 'NL', 'Drenthe')).to.include({ kind: 'syntax' });
    });
    expect(printed).to.deep.equal([]);
  });

  it('when a region is given that the library does not know, then public holidays are still the country’s', () => {
    const hours = sharedOpeningHours('Mo-Fr 09:00-17:00; PH off', 'NL', DWINGELOO, 'Europe/Amsterdam', 'Drenthe');
    // King's Day, Monday 27 April 2026.
    expect(hours.getState(new Date(2026, 3, 27, 10, 0))).to.equal(false);
    expect(hours.getState(new Date(2026, 3, 28, 10, 0))).to.equal(true);
  });

  it('when a country has school holidays for the whole country, then no region is needed', () => {
    expect(openingHoursProblem(WEEKDAYS_BUT_SCHOOL_HOLIDAYS, 'LU', undefined)).to.equal(undefined);
  });

  it('when school holidays are asked of a year the library has no calendar for, then the state is unknown, silently', () => {
    const printed = consoleDuring(() => {
      const hours = sharedOpeningHours(WEEKDAYS_BUT_SCHOOL_HOLIDAYS, 'DE', MUNICH, 'Europe/Berlin', 'Bayern');
      const far = new Date(2090, 8, 6, 10, 0);
      expect(() => openStateAt(hours, far)).not.to.throw();
      expect(() => weekSchedule(hours, far)).not.to.throw();
    });
    expect(printed).to.deep.equal([]);
  });

  it('when the library prints while it parses, then its lines go to the route the app sets, not the console', () => {
    const routed: string[] = [];
    routeOpeningHoursOutput((lines) => routed.push(...lines));
    try {
      const printed = consoleDuring(() => openingHoursProblem(WEEKDAYS_BUT_SCHOOL_HOLIDAYS, 'BE', undefined));
      expect(printed).to.deep.equal([]);
      expect(routed.join('\n')).to.match(/SH/);
    } finally {
      routeOpeningHoursOutput(() => undefined);
    }
  });
});
