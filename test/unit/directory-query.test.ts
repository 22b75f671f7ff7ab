// The directory's query parameters: what is accepted, how it is read, and the 400 answer for what is not.
import { expect } from 'chai';
import { directoryQuerySchema } from '../../server/directory/directory.schemas.ts';
import { operatorLadenKeys, parseInput } from '../../server/shared/http/validate.ts';
import { AppError } from '../../server/shared/errors/app-error.ts';

const parse = (input: Record<string, unknown>) => parseInput(directoryQuerySchema, input);

/** The 400 error a query raises, or a failed assertion when it is accepted. */
function rejection(input: Record<string, unknown>): AppError {
  try {
    parse(input);
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return error as AppError;
  }
  expect.fail(`expected ${JSON.stringify(input)} to be refused`);
}

function expectRefused(input: Record<string, unknown>, field: string, key: string): void {
  const error = rejection(input);
  expect(error.status, JSON.stringify(input)).to.equal(400);
  expect(
    error.details.map((d) => ({ field: d.field.split('.')[0], key: d.key })),
    JSON.stringify(input),
  ).to.deep.include({
    field,
    key,
  });
}

describe('directory query: accepted values', () => {
  it('when a map view and zoom are given, then they are read as numbers', () => {
    const query = parse({ bbox: '4.86,50.46,5.58,50.64', zoom: '9' });

    expect(query.bbox).to.deep.equal([4.86, 50.46, 5.58, 50.64]);
    expect(query.zoom).to.equal(9);
  });

  it('when the zoom is at the limits 0 and 22, then it is accepted', () => {
    expect(parse({ zoom: '0' }).zoom).to.equal(0);
    expect(parse({ zoom: '22' }).zoom).to.equal(22);
  });

  it('when "open at" is now, then it is the current instant', () => {
    const before = Date.now();

    const openAt = parse({ openAt: 'now' }).openAt;

    expect(openAt?.kind).to.equal('instant');
    expect(openAt?.kind === 'instant' && openAt.instant.getTime()).to.be.within(before, Date.now());
  });

  it('when "open at" is a date and time without offset, then it is a wall-clock time read at each place', () => {
    expect(parse({ openAt: '2026-12-01T10:00' }).openAt).to.deep.equal({
      kind: 'wall',
      wall: { year: 2026, month: 12, day: 1, hour: 10, minute: 0 },
    });
  });

  it('when "open at" has an offset, then it is that instant', () => {
    const openAt = parse({ openAt: '2026-12-01T10:00:00+01:00' }).openAt;

    expect(openAt).to.deep.equal({ kind: 'instant', instant: new Date('2026-12-01T09:00:00Z') });
  });

  it('when "open at" is 29 February of a leap year, then it is accepted', () => {
    expect(parse({ openAt: '2028-02-29T10:00' }).openAt?.kind).to.equal('wall');
  });

  it('when a form sends empty fields, then they are treated as absent', () => {
    const query = parse({
      q: '',
      country: '',
      type: '',
      facility: '',
      network: '',
      openAt: '',
      bbox: '',
      zoom: '',
      page: '',
      lang: '',
    });

    expect(Object.entries(query).filter(([, value]) => value !== undefined)).to.deep.equal([]);
  });

  it('when a filter is repeated or lists values with commas, then every value is kept', () => {
    const query = parse({
      type: ['coworking', 'fablab'],
      facility: 'wifi,coffee',
      country: ['be', 'NL,fr'],
      network: ['cooperative-wallonie', 'dorpshuizen-drenthe'],
    });

    expect(query.type).to.deep.equal(['coworking', 'fablab']);
    expect(query.facility).to.deep.equal(['wifi', 'coffee']);
    expect(query.country).to.deep.equal(['BE', 'NL', 'FR']);
    expect(query.network).to.deep.equal(['cooperative-wallonie', 'dorpshuizen-drenthe']);
  });

  it('when a repeated filter has an empty value among others, then the empty one is ignored', () => {
    expect(parse({ type: ['', 'village-hall'] }).type).to.deep.equal(['village-hall']);
  });

  it('when the search and language are given, then they are kept as they are', () => {
    const query = parse({ q: 'coworking Liège', lang: 'nl', page: '3' });

    expect(query).to.include({ q: 'coworking Liège', lang: 'nl', page: 3 });
  });

  it('when the search is exactly 200 characters, then it is accepted', () => {
    expect(parse({ q: 'a'.repeat(200) }).q).to.have.length(200);
  });
});

describe('directory query: refused values', () => {
  it('when the map view has three numbers, then it is refused', () => {
    expectRefused({ bbox: '4.86,50.46,5.58' }, 'bbox', 'validation.bbox');
  });

  it('when the map view has words instead of numbers, then it is refused', () => {
    expectRefused({ bbox: 'west,south,east,north' }, 'bbox', 'validation.bbox');
    expectRefused({ bbox: '4.86,,5.58,50.64' }, 'bbox', 'validation.bbox');
  });

  it('when the map view has west after east or south after north, then it is refused', () => {
    expectRefused({ bbox: '5.58,50.46,4.86,50.64' }, 'bbox', 'validation.bbox');
    expectRefused({ bbox: '4.86,50.64,5.58,50.46' }, 'bbox', 'validation.bbox');
  });

  it('when the map view reaches latitude 95 or longitude 181, then it is refused', () => {
    expectRefused({ bbox: '4.86,50.46,5.58,95' }, 'bbox', 'validation.bbox');
    expectRefused({ bbox: '-181,50.46,5.58,50.64' }, 'bbox', 'validation.bbox');
  });

  it('when the zoom is 23, -1 or 1.5, then it is refused', () => {
    for (const zoom of ['23', '-1', '1.5', 'max']) expectRefused({ zoom }, 'zoom', 'validation.zoom');
  });

  it('when "open at" is not a real date or not a date at all, then it is refused', () => {
    for (const openAt of [
      '2026-02-30T10:00',
      '2027-02-29T10:00',
      '2026-12-01T24:00',
      '2026-12-01T10:60',
      'tomorrow',
      '2026-12-01',
    ]) {
      expectRefused({ openAt }, 'openAt', 'validation.openAt');
    }
  });

  it('when the language is not an interface language, then it is refused', () => {
    expectRefused({ lang: 'xx' }, 'lang', 'validation.lang');
    expectRefused({ lang: 'it' }, 'lang', 'validation.lang');
  });

  it('when the search is longer than 200 characters, then it is refused as too long', () => {
    expectRefused({ q: 'a'.repeat(201) }, 'q', 'validation.qTooLong');
  });

  it('when the search is given twice, then it is refused', () => {
    expectRefused({ q: ['coworking', 'fablab'] }, 'q', 'validation.q');
  });

  it('when a filter has an unknown value, then it is refused with that filter named', () => {
    expectRefused({ type: 'swimming-pool' }, 'type', 'validation.type');
    expectRefused({ facility: 'wifi,sauna' }, 'facility', 'validation.facility');
    expectRefused({ country: 'Belgium' }, 'country', 'validation.country');
    expectRefused({ network: 'Coopérative Wallonie' }, 'network', 'validation.network');
  });

  it('when the page is 0, then it is refused', () => {
    expectRefused({ page: '0' }, 'page', 'validation.page');
  });

  it('when several parameters are wrong, then each is listed', () => {
    const error = rejection({ zoom: '99', lang: 'xx', bbox: '1,2,3' });

    expect(error.details.map((d) => d.field).sort()).to.deep.equal(['bbox', 'lang', 'zoom']);
  });
});

describe('operatorLadenKeys', () => {
  it('when the query has operator or nested keys, then exactly those are flagged', () => {
    const flagged = operatorLadenKeys({ 'q[$gt]': '', $where: '1', 'a.b': 'x', q: 'Liège', type: ['fablab'] });

    expect(flagged.sort()).to.deep.equal(['$where', 'a.b', 'q[$gt]']);
  });

  it('when the query has only plain keys, then nothing is flagged', () => {
    expect(operatorLadenKeys({ q: 'Namur', openAt: '2026-12-01T10:00', bbox: '4,50,6,51' })).to.deep.equal([]);
  });
});
