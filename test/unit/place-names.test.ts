// The place-name alias table resolves a locality's names in other languages to the same locality.
import { expect } from 'chai';
import { loadPlaceNames, parsePlaceNames } from '../../server/directory/engine/place-names.ts';

describe('place-name alias table', () => {
  const table = loadPlaceNames();

  it('when "Luik" or "Lüttich" is looked up in Belgium, then the names of Liège are returned', () => {
    for (const name of ['Luik', 'Lüttich', 'luttich', 'LIEGE']) {
      const aliases = table.aliasesFor('BE', name);
      expect(aliases, name).to.include.members(['Liège', 'Luik', 'Lüttich']);
      expect(aliases[0], name).to.equal('Liège');
    }
  });

  it('when "Namen" is looked up in Belgium, then Namur is among its names', () => {
    expect(table.aliasesFor('be', 'Namen')).to.include.members(['Namur', 'Namen']);
  });

  it('when "Brussel" and "Bruxelles" are looked up in any country, then both find the same locality first', () => {
    const [brussel] = table.localitiesNamed('Brussel');
    const [bruxelles] = table.localitiesNamed('Bruxelles');
    expect(brussel).to.not.equal(undefined);
    expect(brussel).to.deep.equal(bruxelles);
    expect(brussel?.countryCode).to.equal('BE');
    expect(brussel?.names).to.include.members(['Brussel', 'Bruxelles', 'Brussels', 'Brüssel']);
  });

  it('when "Lüttich" is looked up in any country, then Liège (BE) with its coordinates is returned', () => {
    const liege = table.localitiesNamed('Lüttich').find((locality) => locality.countryCode === 'BE');
    expect(liege?.names[0]).to.equal('Liège');
    expect(liege?.lat).to.be.closeTo(50.64, 0.05);
    expect(liege?.lng).to.be.closeTo(5.57, 0.05);
  });

  it('when a name is unknown, then no aliases and no localities are returned', () => {
    expect(table.aliasesFor('BE', 'Nowhere-sur-Rien')).to.deep.equal([]);
    expect(table.localitiesNamed('Nowhere-sur-Rien')).to.deep.equal([]);
  });

  it('when a known name is looked up in the wrong country, then no aliases are returned', () => {
    expect(table.aliasesFor('NL', 'Luik')).to.deep.equal([]);
  });

  it('when the table is loaded twice, then the same table is returned', () => {
    expect(loadPlaceNames()).to.equal(table);
  });

  it('when a caller changes a returned list, then the table is unchanged', () => {
    table.aliasesFor('BE', 'Namen').push('Namestadt');
    expect(table.aliasesFor('BE', 'Namen')).to.not.include('Namestadt');
  });

  it('when two localities share a name in a country, then the first line of the table wins', () => {
    const parsed = parsePlaceNames(
      'country\twof_id\tlat\tlon\tnames\nBE\t1\t50.8\t4.3\tBrussels|Brussel\nBE\t2\t50.9\t4.4\tBrussel|Region\n',
    );
    expect(parsed.aliasesFor('BE', 'brussel')).to.deep.equal(['Brussels', 'Brussel']);
    expect(parsed.localitiesNamed('Brussel').map((locality) => locality.wofId)).to.deep.equal(['1', '2']);
  });
});
