// Reading spreadsheets as they come (encodings, delimiters), guessing the mapping, and neutralising formulas on export.
import { expect } from 'chai';
import { readCsvTable } from '../../server/opendata/csv/csv-file.ts';
import { guessMapping, looksLikeFormula, typeFromText } from '../../server/opendata/csv/csv-mapping.ts';
import { neutraliseFormula } from '../../server/opendata/export-rows.ts';

describe('CSV files and mapping', () => {
  it('when a file is UTF-16 with a BOM and tab-separated, then its table reads as the spreadsheet wrote it', () => {
    const text = 'Nom\tVille\nCafé Pluie\tLiège\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const table = readCsvTable(bytes);
    expect(table).to.deep.include({ encoding: 'utf-16le', delimiter: '\t', headers: ['Nom', 'Ville'] });
    expect(table.rows).to.deep.equal([['Café Pluie', 'Liège']]);
  });

  it('when a file is Windows-1252 with semicolons, then accents are read right', () => {
    const bytes = Buffer.from('Naam;Plaats\nCaf\xe9;Li\xe8ge\n', 'latin1');
    const table = readCsvTable(bytes);
    expect(table).to.deep.include({ encoding: 'windows-1252', delimiter: ';' });
    expect(table.rows[0]).to.deep.equal(['Café', 'Liège']);
  });

  it('when a file has an unclosed quote, then it is refused whole', () => {
    expect(() => readCsvTable(Buffer.from('a,b\n"x,y\n')))
      .to.throw()
      .with.property('status', 400);
  });

  it('when headers are in French or Dutch, then the columns are guessed', () => {
    expect(
      guessMapping(['Identifiant', 'Nom', 'Adresse', 'Code postal', 'Commune', 'Latitude', 'Longitude']),
    ).to.deep.equal({
      recordId: 0,
      name: 1,
      street: 2,
      postcode: 3,
      locality: 4,
      lat: 5,
      lng: 6,
    });
    expect(guessMapping(['naam', 'woonplaats', 'openingsuren'])).to.deep.equal({
      name: 0,
      locality: 1,
      openingHours: 2,
    });
  });

  it('when a type is written in words, then it names our type, or none', () => {
    expect(typeFromText('Tiers lieux à dominante coworking')).to.equal('coworking');
    expect(typeFromText('Dorpshuis')).to.equal('village-hall');
    expect(typeFromText('Tiers-lieu culturel')).to.equal('third-place');
    expect(typeFromText('boulangerie')).to.equal(undefined);
  });

  it('when a cell starts like a formula, then it is refused on import and neutralised on export, phone numbers not', () => {
    for (const cell of ["=cmd|' /C calc'!A0", '@SUM(A1)', '+A1', '-A1+1']) {
      expect(looksLikeFormula(cell), cell).to.equal(true);
      expect(neutraliseFormula(cell)).to.equal(`'${cell}`);
    }
    for (const cell of ['+32 2 123 45 67', '-4.5', 'Café']) expect(looksLikeFormula(cell), cell).to.equal(false);
  });
});
