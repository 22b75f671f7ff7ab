// The feeds' order in memory: one current item per record, and no page past a number not yet seen.
import { expect } from 'chai';
import { FeedIndex, GAP_WAIT_MS } from '../../server/federation/feed-index.ts';

describe('feed index', function () {
  it('when a record changes again, then only its newest item is on a page, at its new place', function () {
    const index = new FeedIndex();
    index.load('locations', [
      { n: 1, recordId: 'a' },
      { n: 2, recordId: 'b' },
    ]);
    index.add('locations', { n: 3, recordId: 'a' });
    expect(index.page('locations', 0, 500)).to.deep.equal([
      { n: 2, recordId: 'b' },
      { n: 3, recordId: 'a' },
    ]);
    expect(index.superseded('locations')).to.deep.equal([1]);
  });

  it('when number 5 arrives before number 4, then pages stop at 3 until 4 arrives', function () {
    const index = new FeedIndex();
    index.load('locations', [{ n: 3, recordId: 'c' }]);
    index.add('locations', { n: 5, recordId: 'e' }, 0);
    expect(index.page('locations', 0, 500).map((e) => e.n)).to.deep.equal([3]);
    index.add('locations', { n: 4, recordId: 'd' }, 10);
    expect(index.page('locations', 0, 500).map((e) => e.n)).to.deep.equal([3, 4, 5]);
  });

  it('when a missing number never arrives, then after the wait the page goes past it', function () {
    const index = new FeedIndex();
    index.load('locations', [{ n: 1, recordId: 'a' }]);
    index.add('locations', { n: 3, recordId: 'c' }, 0);
    expect(index.skipLostNumbers(GAP_WAIT_MS - 1)).to.equal(false);
    expect(index.page('locations', 0, 500).map((e) => e.n)).to.deep.equal([1]);
    expect(index.skipLostNumbers(GAP_WAIT_MS)).to.equal(true);
    expect(index.page('locations', 0, 500).map((e) => e.n)).to.deep.equal([1, 3]);
  });

  it('when a page is asked after a number, then it holds at most the limit, in order', function () {
    const index = new FeedIndex();
    index.load(
      'networks',
      Array.from({ length: 10 }, (_, i) => ({ n: i + 1, recordId: `r${i}` })),
    );
    expect(index.page('networks', 4, 3).map((e) => e.n)).to.deep.equal([5, 6, 7]);
    expect(index.page('networks', 10, 3)).to.deep.equal([]);
  });
});
