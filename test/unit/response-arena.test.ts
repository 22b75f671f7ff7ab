// The arena lends bytes for bodies being sent: bytes lent are never lent again before they are given back, whatever
// the order responses finish in, and a full arena still gives bytes of their own.
import { expect } from 'chai';
import fc from 'fast-check';
import { ResponseArena } from '../../server/directory/engine/response-arena.js';

describe('ResponseArena', () => {
  it('when bodies are taken and given back in any order, then no body is overwritten before it is given back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 160 }), fc.constant(0 as const)), { minLength: 1, maxLength: 300 }),
        fc.array(fc.nat(), { minLength: 300, maxLength: 300 }),
        (steps, picks) => {
          const arena = new ResponseArena(1024);
          const lent: { bytes: Buffer; mark: number; giveBack: () => void }[] = [];
          steps.forEach((step, k) => {
            // 0 gives one body back, chosen at random; any other number takes that many bytes.
            if (step === 0) {
              if (lent.length === 0) return;
              const [body] = lent.splice(picks[k]! % lent.length, 1);
              expect([...body!.bytes].every((b) => b === body!.mark)).to.equal(true);
              body!.giveBack();
              return;
            }
            const { bytes, giveBack } = arena.take(step);
            expect(bytes.length).to.equal(step);
            const mark = k % 251;
            bytes.fill(mark);
            lent.push({ bytes, mark, giveBack });
          });
          for (const body of lent) expect([...body.bytes].every((b) => b === body.mark)).to.equal(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when everything lent was given back, then the arena lends its bytes again instead of new buffers', () => {
    const arena = new ResponseArena(1024);
    const first = arena.take(100);
    first.giveBack();
    const second = arena.take(100);
    expect(second.bytes.buffer).to.equal(first.bytes.buffer);
    expect(second.bytes.byteOffset).to.equal(first.bytes.byteOffset);
  });

  it('when the arena is full or the body is large, then the bytes are a buffer of their own', () => {
    const arena = new ResponseArena(1024);
    const held = Array.from({ length: 8 }, () => arena.take(128));
    const overflow = arena.take(100);
    expect(held.every((h) => h.bytes.buffer === held[0]!.bytes.buffer)).to.equal(true);
    expect(overflow.bytes.buffer).to.not.equal(held[0]!.bytes.buffer);
    expect(arena.take(600).bytes.buffer).to.not.equal(held[0]!.bytes.buffer);
  });
});
