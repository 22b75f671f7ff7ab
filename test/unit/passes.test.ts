// The pure parts of member passes: which day-part a visit counts for at the place's wall clock, the typed code, and
// the name hint a pass carries.
import { expect } from 'chai';
import { dayPartAt } from '../../server/passes/day-part-now.ts';
import { groupedCode, newPassCode, normalisePassCode, PASS_CODE_ALPHABET } from '../../server/passes/pass-code.ts';
import { nameHintOf } from '../../server/passes/pass-token.ts';

describe('member passes (unit)', () => {
  describe('the day-part of a visit', () => {
    it('when it is 11:30 in Brussels (10:30 UTC in winter), then the visit counts for that day’s morning there', () => {
      expect(dayPartAt(new Date('2026-12-07T10:30:00Z'), 'Europe/Brussels')).to.deep.equal({
        date: '2026-12-07',
        dayPart: 'morning',
      });
    });

    it('when it is 12:00 at the place, then the afternoon has begun', () => {
      expect(dayPartAt(new Date('2026-12-07T11:00:00Z'), 'Europe/Brussels')?.dayPart).to.equal('afternoon');
    });

    it('when it is 00:30 in Brussels but still the day before in UTC, then the visit counts for the place’s own day', () => {
      expect(dayPartAt(new Date('2026-12-07T23:30:00Z'), 'Europe/Brussels')).to.deep.equal({
        date: '2026-12-08',
        dayPart: 'morning',
      });
    });

    it('when someone is at the door at 07:40, before the first day-part, then the visit counts for the morning', () => {
      expect(dayPartAt(new Date('2026-07-01T05:40:00Z'), 'Europe/Brussels')?.dayPart).to.equal('morning');
    });

    it('when the evening has ended (23:15 at the place), then no day-part can take a visit', () => {
      expect(dayPartAt(new Date('2026-07-01T21:15:00Z'), 'Europe/Brussels')).to.equal(undefined);
    });
  });

  describe('the typed code', () => {
    it('when a code is made, then it has nine characters of the alphabet without look-alikes', () => {
      for (let i = 0; i < 50; i += 1) {
        const code = newPassCode();
        expect(
          [...code].every((c) => PASS_CODE_ALPHABET.includes(c)),
          code,
        ).to.equal(true);
        expect(code).to.have.length(9);
      }
      expect(PASS_CODE_ALPHABET).not.to.match(/[01ILO]/);
    });

    it('when a manager types it in small letters with spaces or dashes, then it is read as printed', () => {
      expect(normalisePassCode(' 3aa-qfx xrc ')).to.equal('3AAQFXXRC');
      expect(groupedCode('3AAQFXXRC')).to.equal('3AA QFX XRC');
    });

    it('when what is typed is too short, too long or holds a look-alike, then it is no code', () => {
      expect(normalisePassCode('3AAQFXXR')).to.equal(undefined);
      expect(normalisePassCode('3AAQFXXRCC')).to.equal(undefined);
      expect(normalisePassCode('3AAQFXXR0')).to.equal(undefined);
    });
  });

  describe('the name hint', () => {
    it('when a name has several words, then the hint is the first name and the last name’s initial', () => {
      expect(nameHintOf('Amina Benali')).to.equal('Amina B.');
      expect(nameHintOf('  Jan  de   Vries ')).to.equal('Jan V.');
      expect(nameHintOf('Émile Ørsted')).to.equal('Émile Ø.');
    });

    it('when a name is one word, then the hint is that word', () => {
      expect(nameHintOf('Amina')).to.equal('Amina');
    });
  });
});
