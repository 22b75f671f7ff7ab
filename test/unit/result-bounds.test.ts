// The box of a search's places, which the directory page fits the map to when a search is made.
import { expect } from 'chai';
import type { DirectoryEntry } from '../../server/directory/engine/directory-entry.ts';
import { ResultSet } from '../../server/directory/engine/directory-index.ts';

const resultOf = (places: { lng: number; lat: number }[]) => new ResultSet(places as unknown as DirectoryEntry[]);

describe('result bounds', () => {
  it('when places are found on both sides of Greenwich, then the box reaches from the westernmost to the easternmost', () => {
    const result = resultOf([
      { lng: 4.35, lat: 50.85 },
      { lng: -1.55, lat: 47.22 },
      { lng: 6.37, lat: 52.83 },
    ]);
    expect(result.bounds()).to.deep.equal([-1.55, 47.22, 6.37, 52.83]);
  });

  it('when one place is found, then the box is that point', () => {
    expect(resultOf([{ lng: 6.37, lat: 52.83 }]).bounds()).to.deep.equal([6.37, 52.83, 6.37, 52.83]);
  });

  it('when nothing is found, then there is no box and the map stays where it is', () => {
    expect(resultOf([]).bounds()).to.equal(undefined);
  });
});
