// Free-text opening hours from spreadsheets, converted to OpenStreetMap syntax where every word is understood.
import { expect } from 'chai';
import { convertHoursText } from '../../server/opendata/csv/hours-text.ts';

describe('convertHoursText', () => {
  const cases: [string, string][] = [
    ['du lundi au vendredi de 9h à 17h', 'Mo-Fr 09:00-17:00'],
    ['ma-vr 9-17 uur', 'Mo-Fr 09:00-17:00'],
    ['Montag bis Freitag von 9 bis 17 Uhr', 'Mo-Fr 09:00-17:00'],
    ['Mon to Fri 9am-5pm', 'Mo-Fr 09:00-17:00'],
    ['lundi-vendredi 9h-12h, 14h-18h30', 'Mo-Fr 09:00-12:00,14:00-18:30'],
    ['ma, wo en vr 8:30-12:30; za 10-14', 'Mo,We,Fr 08:30-12:30; Sa 10:00-14:00'],
    ['du mardi au samedi de 10h00 à 19h00 et le dimanche de 10h à 13h', 'Tu-Sa 10:00-19:00; Su 10:00-13:00'],
  ];
  for (const [text, value] of cases) {
    it(`when the text is "${text}", then it converts to ${value}`, () => {
      expect(convertHoursText(text)).to.equal(value);
    });
  }

  for (const text of ['sur rendez-vous', 'op afspraak', 'Mo-Fr 9-17 sauf jours fériés', 'lundi 18h-9h', '']) {
    it(`when the text is "${text}", then it is left as written`, () => {
      expect(convertHoursText(text)).to.equal(undefined);
    });
  }
});
