// Opening hours as people write them: a comment says what happens in open hours, unknown stays unknown, a value the
// library had to guess at is refused with its hint in the reader's language, and day-parts are searchable.
import { expect } from 'chai';
import {
  hoursStateDuring,
  nextDayPart,
  openingHoursProblem,
  sharedOpeningHours,
  withImpliedOpen,
} from '../../server/locations/opening-hours.ts';
import { hoursView } from '../../server/locations/location.service.ts';

type HoursSource = Parameters<typeof hoursView>[0];

/** Over Entinghe, the village hall in Dwingeloo from the seed places, with hours as its managers would write them. */
const overEntinghe = (openingHours: string): HoursSource =>
  ({
    openingHours,
    timeZone: 'Europe/Amsterdam',
    address: { locality: 'Dwingeloo', countryCode: 'NL', region: 'Drenthe' },
    coordinates: { lat: 52.8339, lng: 6.3686 },
  }) as HoursSource;

const ONDERNEMERSCAFE = 'Mo-Fr 09:00-17:00, Mo[1] 19:00-22:00 "ondernemerscafé"';
// Monday 7 December 2026 is the first Monday of the month; 19:00 UTC is 20:00 in Dwingeloo.
const FIRST_MONDAY_EVENING = new Date('2026-12-07T19:00:00Z');

describe('opening hours as people write them', () => {
  it('when a rule with a comment applies (the first Monday evening), then the place is open with its comment', () => {
    const view = hoursView(overEntinghe(ONDERNEMERSCAFE), FIRST_MONDAY_EVENING)!;

    expect(view).to.include({ open: true, unknown: false, comment: 'ondernemerscafé' });
    expect(view.nextChange).to.include({ time: '22:00', today: true });
    expect(view.week[0]!.intervals).to.deep.equal([
      { from: '09:00', to: '17:00' },
      { from: '19:00', to: '22:00', comment: 'ondernemerscafé' },
    ]);
  });

  it('when that rule does not apply (the second Monday evening), then the place is closed, not unknown', () => {
    const view = hoursView(overEntinghe(ONDERNEMERSCAFE), new Date('2026-12-14T19:00:00Z'))!;

    expect(view).to.include({ open: false, unknown: false });
    expect(view.comment).to.equal(undefined);
  });

  it('when a day has only a comment ("sur rendez-vous"), then that day is unknown with its comment, not closed', () => {
    // Saturday 12 December 2026, 11:00 in Paris.
    const view = hoursView(
      {
        openingHours: 'Mo-Fr 09:00-18:00; Sa "sur rendez-vous"',
        timeZone: 'Europe/Paris',
        address: { locality: 'Paris', countryCode: 'FR' },
        coordinates: { lat: 48.8695, lng: 2.3615 },
      } as HoursSource,
      new Date('2026-12-12T10:00:00Z'),
    )!;

    expect(view).to.include({ open: false, unknown: true, comment: 'sur rendez-vous' });
    expect(view.week[0]!.intervals).to.deep.equal([
      { from: '00:00', to: '24:00', unknown: true, comment: 'sur rendez-vous' },
    ]);
  });

  it('when hours are marked unknown, then the place is unknown then, and its hours are listed as not certain', () => {
    const view = hoursView(overEntinghe('Mo-Fr 09:00-17:00 unknown'), new Date('2026-12-08T09:00:00Z'))!;

    expect(view).to.include({ open: false, unknown: true });
    expect(view.week[0]!.intervals).to.deep.equal([{ from: '09:00', to: '17:00', unknown: true }]);
  });

  it('when a comment follows a state or has no times, then it is read as written', () => {
    expect(withImpliedOpen('Mo 19:00-22:00 "ondernemerscafé"')).to.equal('Mo 19:00-22:00 open "ondernemerscafé"');
    expect(withImpliedOpen('Mo-Fr 09:00-17:00; Mo[1] 19:00-22:00 "a; b"; Sa 10:00-12:00')).to.equal(
      'Mo-Fr 09:00-17:00; Mo[1] 19:00-22:00 open "a; b"; Sa 10:00-12:00',
    );
    expect(withImpliedOpen('Mo 19:00-22:00 closed "verbouwing"')).to.equal('Mo 19:00-22:00 closed "verbouwing"');
    expect(withImpliedOpen('Mo-Fr 09:00-17:00 unknown "zomer"')).to.equal('Mo-Fr 09:00-17:00 unknown "zomer"');
    expect(withImpliedOpen('Mo-Fr 09:00-18:00; Sa "sur rendez-vous"')).to.equal(
      'Mo-Fr 09:00-18:00; Sa "sur rendez-vous"',
    );
  });

  it('when hours are written the Dutch way ("ma-vr 9-17"), then they are refused with the hint in each language', () => {
    const problem = openingHoursProblem('ma-vr 9-17', 'NL', 'Drenthe');

    expect(problem?.kind).to.equal('syntax');
    if (problem?.kind !== 'syntax') return;
    expect(problem.suggestion).to.equal('Mo-Fr 09:00-17:00');
    expect(problem.messages.en).to.include('Please use the English abbreviation "Mo" for "ma"');
    expect(problem.messages.de).to.include('Bitte benutze die englische Abkürzung "Mo" für "ma"');
    expect(problem.messages.fr).to.include("Veuillez utiliser l'abréviation anglaise");
    expect(problem.messages.fr).to.include('Plage horaire spécifiée sans minutes');
  });

  it('when hours are not OSM syntax at all, then the library message comes in each language, without a guess', () => {
    const problem = openingHoursProblem('lundi au vendredi', 'FR');

    expect(problem?.kind).to.equal('syntax');
    if (problem?.kind !== 'syntax') return;
    expect(problem.suggestion).to.equal(undefined);
    expect(problem.messages.en).to.include('Unexpected token');
    expect(problem.messages.fr).to.include('Caractère inattendu');
    expect(problem.messages.de).to.include('Unerwartetes Zeichen');
  });

  it('when hours are well written, as places in the directory write them, then nothing is refused', () => {
    for (const value of [
      'Mo-Fr 08:30-12:00,13:30-18:00',
      'Tu-Sa 10:00-18:00; Su,Mo off',
      'Mo-Fr 09:00-17:00; PH off',
      'Mo-Su 09:00-22:00',
      '24/7',
      ONDERNEMERSCAFE,
      'Mo-Fr 09:00-18:00; Sa "sur rendez-vous"',
      'We 14:00-18:00 "atelier ouvert"; Mo-Fr 09:00-12:00 unknown',
    ]) {
      expect(openingHoursProblem(value, 'FR'), value).to.equal(undefined);
    }
  });
});

describe('day-parts', () => {
  // Tuesday 8 December 2026, as wall-clock dates at a place.
  const tuesdayAt = (hour: number, minute = 0) => new Date(2026, 11, 8, hour, minute);

  it('when Tuesday morning is asked on a Tuesday at 10:30, then it is what is left of this morning', () => {
    expect(nextDayPart(tuesdayAt(10, 30), 2, 'morning')).to.deep.equal({
      from: tuesdayAt(10, 30),
      to: tuesdayAt(12),
    });
  });

  it('when Tuesday morning is asked on a Tuesday afternoon, then it is next Tuesday morning', () => {
    expect(nextDayPart(tuesdayAt(12, 30), 2, 'morning')).to.deep.equal({
      from: new Date(2026, 11, 15, 8),
      to: new Date(2026, 11, 15, 12),
    });
  });

  it('when Monday evening is asked on a Tuesday, then it is next Monday 18:00-23:00', () => {
    expect(nextDayPart(tuesdayAt(9), 1, 'evening')).to.deep.equal({
      from: new Date(2026, 11, 14, 18),
      to: new Date(2026, 11, 14, 23),
    });
  });

  it('when a place opens for part of a day-part only, then it counts as open then; a comment-only day is unknown', () => {
    const hours = sharedOpeningHours(ONDERNEMERSCAFE, 'NL', { lat: 52.8339, lng: 6.3686 }, 'Europe/Amsterdam');
    const appointments = sharedOpeningHours(
      'Mo-Fr 09:00-18:00; Sa "sur rendez-vous"',
      'FR',
      { lat: 48.8695, lng: 2.3615 },
      'Europe/Paris',
    );
    const firstMonday = new Date(2026, 11, 7, 18);
    const evening = new Date(2026, 11, 7, 23);

    expect(hoursStateDuring(hours, firstMonday, evening)).to.equal('open');
    expect(hoursStateDuring(hours, new Date(2026, 11, 14, 18), new Date(2026, 11, 14, 23))).to.equal('closed');
    expect(hoursStateDuring(hours, new Date(2026, 11, 8, 16), new Date(2026, 11, 8, 18))).to.equal('open');
    expect(hoursStateDuring(appointments, new Date(2026, 11, 12, 8), new Date(2026, 11, 12, 12))).to.equal('unknown');
  });
});
