// Strings written into hand-made JSON: exactly what JSON.stringify writes, on the fast path and off it.
import { expect } from 'chai';
import { jsonString } from '../../server/shared/text/json-string.js';

describe('jsonString', () => {
  it('when a text needs no escaping or needs some, then it is written as JSON.stringify writes it', () => {
    const texts = [
      '',
      'Over Entinghe',
      'Liège · Brussel',
      'Say "hi"',
      'back\\slash',
      'tab\there\nline',
      '\u0000\u001f\u007f',
      'emoji 🚲 pair',
      'lone \ud800 high',
      'lone \udc00 low',
      '\u2028\u2029',
    ];
    for (const text of texts) expect(jsonString(text), JSON.stringify(text)).to.equal(JSON.stringify(text));
  });

  it('when any mix of plain, accented, quote, control and surrogate characters is written, then it parses back unchanged', () => {
    const pool = ['a', 'é', '"', '\\', '\n', '\u0001', '\ud83d', '\ude00', '🚲', ' ', '·'];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let n = 0; n < 2000; n += 1) {
      const text = Array.from(
        { length: Math.floor(random() * 8) },
        () => pool[Math.floor(random() * pool.length)],
      ).join('');
      expect(jsonString(text)).to.equal(JSON.stringify(text));
    }
  });
});
