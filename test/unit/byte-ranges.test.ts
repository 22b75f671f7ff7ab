// A body assembled from pieces of buffers holds exactly those bytes, in order, whatever the pieces.
import { expect } from 'chai';
import fc from 'fast-check';
import { ByteRanges } from '../../server/directory/engine/byte-ranges.ts';

describe('ByteRanges', () => {
  it('when pieces of buffers are pushed and the end trimmed, then the body is those bytes in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 40 }), fc.nat(), fc.nat()), { maxLength: 20 }),
        fc.nat({ max: 3 }),
        fc.boolean(),
        (pieces, trim, intoGiven) => {
          const body = new ByteRanges();
          const expected: number[] = [];
          for (const [bytes, a, b] of pieces) {
            const source = Buffer.from(bytes);
            const [start, end] = [a % (source.length + 1), b % (source.length + 1)].sort((x, y) => x - y);
            body.push(source, start, end);
            expected.push(...source.subarray(start, end));
          }
          const lastPiece = pieces.length ? pieces[pieces.length - 1] : undefined;
          if (trim > 0 && lastPiece && expected.length >= trim) {
            const [bytes, a, b] = lastPiece;
            const length = Math.abs((a % (bytes.length + 1)) - (b % (bytes.length + 1)));
            if (length >= trim) {
              body.trimEnd(trim);
              expected.length -= trim;
            }
          }
          expect(body.length).to.equal(expected.length);
          const into = intoGiven ? Buffer.alloc(expected.length + 5, 0xff) : undefined;
          expect([...body.join(into)]).to.deep.equal(expected);
        },
      ),
    );
  });
});
