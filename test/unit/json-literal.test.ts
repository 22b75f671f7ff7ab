// Strings written into hand-made JSON: exactly what JSON.stringify writes, on the fast path and off it.
import { expect } from 'chai';
import fc from 'fast-check';
import { jsonNumber, jsonString } from '../../server/directory/engine/json-literal.ts';

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

describe('jsonNumber', () => {
  it('when a coordinate has up to nine decimals, then it is written as String writes it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -180_000_000_000, max: 180_000_000_000 }),
        fc.integer({ min: 0, max: 9 }),
        (n, d) => {
          const value = Math.round(n / 10 ** (9 - d)) / 10 ** d;
          expect(jsonNumber(value)).to.equal(String(value));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('when a number is zero, tiny, large, fractional without end or not finite, then it is written as String writes it', () => {
    const values = [
      0,
      -0,
      1e-7,
      -1e-7,
      0.000001,
      0.0000015,
      4.35,
      -1.111032,
      37.99112,
      180,
      -180,
      1 / 3,
      Math.PI,
      1e6,
      123456789.5,
      // Doubles this large lie 0.125 apart: String writes 1000000000000000.2, seven decimals would give .25.
      1e15 + 0.25,
      2 ** 60,
      NaN,
    ];
    for (const value of values) expect(jsonNumber(value), String(value)).to.equal(String(value));
  });
});
