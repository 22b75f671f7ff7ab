// What the app relies on from its database, checked on whichever one the suite runs against (FerretDB or MONGODB_URI).
//
// Relied on: an insert against a unique index is atomic. Of N concurrent inserts of one key exactly one succeeds and
// the others get a duplicate-key error (code 11000). Every invariant that concurrent requests could break is a claim
// by unique key built on this (`server/shared/db/claims.ts`, ARCHITECTURE.md "Invariants: claims by unique key").
//
// NOT relied on: that a conditional update (`findOneAndUpdate({_id, used: false}, {$set: {used: true}})`,
// `updateOne` with a condition) or `$inc` is applied atomically. MongoDB does; FerretDB 1.24 reads, then writes, so
// concurrent conditional updates may all "win" and concurrent `$inc`s lose counts. No test asserts either way: the
// app simply never uses them to keep an invariant, only to write fields once a claim has been won.
import { expect } from 'chai';
import mongoose from 'mongoose';
import { claims } from '../../server/shared/db/claims.ts';
import { isDuplicateKey } from '../../server/shared/db/duplicate-key.ts';
import { clearDatabase } from '../support/database.ts';

const N = 50;

describe('the database contract (integration)', function () {
  beforeEach(clearDatabase);

  const settle = async (tries: Promise<unknown>[]) => {
    const results = await Promise.allSettled(tries);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(
      refused.every((r) => isDuplicateKey(r.reason)),
      'every loser gets a duplicate-key error',
    ).to.equal(true);
    return results.length - refused.length;
  };

  it(`when ${N} inserts of one _id run at once, then exactly one succeeds and the others get a duplicate key`, async () => {
    const collection = mongoose.connection.collection('contract_ids');
    for (let round = 0; round < 3; round += 1) {
      const key = `key-${round}`;
      const won = await settle(Array.from({ length: N }, (_, i) => collection.insertOne({ _id: key as never, i })));
      expect(won).to.equal(1);
      expect(await collection.countDocuments({ _id: key as never })).to.equal(1);
    }
  });

  it(`when ${N} inserts of one value of a unique secondary index run at once, then exactly one succeeds`, async () => {
    const collection = mongoose.connection.collection('contract_unique');
    await collection.createIndex({ user: 1, network: 1 }, { unique: true });
    for (let round = 0; round < 3; round += 1) {
      const won = await settle(
        Array.from({ length: N }, (_, i) => collection.insertOne({ user: 'u', network: `n-${round}`, i })),
      );
      expect(won).to.equal(1);
      expect(await collection.countDocuments({ network: `n-${round}` })).to.equal(1);
    }
  });

  describe('claims', () => {
    it(`when ${N} callers claim one key at once, then exactly one wins, and after a release it can be won again`, async () => {
      const results = await Promise.all(Array.from({ length: N }, (_, i) => claims.claim('k', { owner: `o${i}` })));
      expect(results.filter(Boolean)).to.have.length(1);
      const winner = `o${results.indexOf(true)}`;
      expect((await claims.holder('k'))?.owner).to.equal(winner);
      await claims.release('k', 'someone else');
      expect(await claims.claim('k')).to.equal(false);
      await claims.release('k', winner);
      expect(await claims.claim('k')).to.equal(true);
    });

    it('when claims expire, then the sweep removes them and keeps the lasting ones', async () => {
      await claims.claim('a:1', { expiresAt: new Date(Date.now() - 1000) });
      await claims.claim('a:2');
      await claims.claim('b.1');
      expect(await claims.count('a:')).to.equal(2);
      await claims.sweep();
      expect(await claims.count('a:')).to.equal(1);
      await claims.releaseAll('a:');
      expect(await claims.count('')).to.equal(1);
    });
  });
});
