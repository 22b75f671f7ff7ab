// The committed demo data builds into valid networks and locations that say only what their sources say.
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import type { Types } from 'mongoose';
import { LocationModel } from '../../server/locations/location.model.ts';
import { NetworkModel } from '../../server/networks/network.model.ts';
import { cgetLocality, cgetTimeZone, cgetWebsite, isApproximate } from '../../server/demo/cget-rows.ts';
import { demoLocationDocuments, demoNetworkDocuments, type DemoLocationDocument } from '../../server/demo/seed.ts';
import { webAddress } from '../../server/shared/http/schema-fields.ts';

const CGET_CSV = new URL('../../server/demo/data/fr-cget-tiers-lieux-2019.csv', import.meta.url);
const cgetRows = parse<Record<string, string>>(readFileSync(CGET_CSV), { columns: true, bom: true });
const hasNumber = (value: string | undefined) => (value ?? '').trim() !== '' && Number.isFinite(Number(value));

describe('demo data', () => {
  const networks = demoNetworkDocuments();
  const networkIds = new Map<string, Types.ObjectId>(networks.map((network) => [network.slug, network._id]));
  const locations = demoLocationDocuments(networkIds);
  const fromCget = locations.filter((location) => location.source.recordId !== undefined);
  const named = (name: string): DemoLocationDocument => {
    const found = locations.find((location) => Object.values(location.name).includes(name));
    if (!found) throw new Error(`no demo location named ${name}`);
    return found;
  };

  it('when the committed CGET file is built, then every row with coordinates becomes one French location', () => {
    const withCoordinates = cgetRows.filter((row) => hasNumber(row.LAT) && hasNumber(row.LONG));
    expect(cgetRows).to.have.length(1512);
    expect(fromCget).to.have.length(withCoordinates.length);
    expect(new Set(fromCget.map((location) => location.source.recordId)).size).to.equal(fromCget.length);
    for (const location of fromCget) expect(location.address.countryCode).to.equal('FR');
  });

  // validate() rather than the deprecated validateSync(): it rejects with the first invalid document's errors.
  it('when the demo data is built, then every network and location passes model validation', async () => {
    await Promise.all(networks.map((network) => new NetworkModel(network).validate()));
    await Promise.all(locations.map((location) => new LocationModel(location).validate()));
  });

  it('when the demo data is built, then slugs are unique and all locations are published', () => {
    expect(new Set(locations.map((location) => location.slug)).size).to.equal(locations.length);
    expect(locations.every((location) => location.status === 'published')).to.equal(true);
    expect(named('Over Entinghe').slug).to.equal('over-entinghe-dwingeloo');
  });

  it('when Over Entinghe is built, then it is a Dwingeloo village hall with four desks at €7.50 a day-part', () => {
    const hall = named('Over Entinghe');
    expect(hall).to.deep.include({ language: 'nl', type: 'village-hall', timeZone: 'Europe/Amsterdam' });
    expect(hall.address).to.deep.include({ locality: 'Dwingeloo', countryCode: 'NL' });
    expect(hall.capacity).to.deep.equal({ desks: 4 });
    expect(hall.facilities).to.have.members(['desks', 'meeting-table', 'wifi', 'coffee', 'printer']);
    expect(hall.tariffs).to.deep.equal([{ category: 'public', amount: 7.5, currency: 'EUR', per: 'day-part' }]);
    expect(hall.coordinates).to.deep.equal({ lat: 52.833451, lng: 6.369692, approximate: true });
    expect(hall.network).to.equal(networkIds.get('dorpshuizen-drenthe'));
  });

  it('when De Veldkei is built, then it is a Havelte village hall with adjustable desks and fast internet', () => {
    const hall = named('De Veldkei');
    expect(hall).to.deep.include({ language: 'nl', type: 'village-hall', timeZone: 'Europe/Amsterdam' });
    expect(hall.address).to.deep.include({ locality: 'Havelte', countryCode: 'NL' });
    expect(hall.facilities).to.have.members(['height-adjustable-desks', 'fast-internet', 'wifi']);
    expect(hall.tariffs).to.deep.equal([]);
    expect(hall.coordinates).to.deep.equal({ lat: 52.779122, lng: 6.242758, approximate: true });
    expect(hall.network).to.equal(networkIds.get('dorpshuizen-drenthe'));
  });

  it('when the Smart places are built, then both are in Brussels and operated by Smart Belgium', () => {
    for (const name of ['LaVallée', 'Brussels Art Factory']) {
      const place = named(name);
      expect(place, name).to.deep.include({ language: 'fr', timeZone: 'Europe/Brussels' });
      expect(place.address.countryCode, name).to.equal('BE');
      expect(place.coordinates, name).to.deep.equal({ lat: 50.843183, lng: 4.371755, approximate: true });
      expect(place.model.governance, name).to.equal('cooperative');
      expect(place.network, name).to.equal(networkIds.get('smart-be'));
    }
  });

  it('when the seed places are built, then none has a street address or opening hours', () => {
    for (const name of ['Over Entinghe', 'De Veldkei', 'LaVallée', 'Brussels Art Factory']) {
      const place = named(name) as DemoLocationDocument & { openingHours?: string };
      expect(place.address.street, name).to.equal(undefined);
      expect(place.openingHours, name).to.equal(undefined);
    }
  });

  it('when the first CGET row is built, then it carries its name, address, website, type and source', () => {
    const ade = fromCget.find((location) => location.source.recordId === '1');
    expect(ade?.name).to.deep.equal({ fr: 'ADE Coworking' });
    expect(ade?.address).to.deep.include({ street: '9 Rue du Petit Châtelier', postcode: '44300', locality: 'Nantes' });
    expect(ade?.contact).to.deep.equal({ website: 'https://www.ade-coworking.net' });
    expect(ade?.type).to.equal('coworking');
    expect(ade?.model).to.deep.equal({ governance: 'third-party', openness: 'public', spaceKind: 'shared-workspace' });
    expect(ade?.coordinates).to.deep.equal({ lat: 47.245935, lng: -1.505602, approximate: false });
    expect(ade?.source.licence).to.equal('Licence Ouverte / Open Licence 2.0 (Etalab)');
    expect(ade?.network).to.equal(networkIds.get('anct-tiers-lieux-2019'));
  });

  it('when a CGET row is fablab-led or untyped, then its type and space kind follow', () => {
    const byType = (typo: string) => {
      const row = cgetRows.find((candidate) => candidate.TYPO === typo);
      return fromCget.find((location) => location.source.recordId === row?.ID);
    };
    expect(byType('Tiers lieux à dominante fablab')).to.deep.include({ type: 'fablab' });
    expect(byType('Tiers lieux à dominante fablab')?.model.spaceKind).to.equal('third-place');
    expect(byType('')).to.deep.include({ type: 'third-place' });
  });

  it('when PRECISION is a score under 0.8, a level under 8 or missing, then the coordinates are approximate', () => {
    expect(isApproximate('0.79')).to.equal(true);
    expect(isApproximate('0.8')).to.equal(false);
    expect(isApproximate('9')).to.equal(false);
    expect(isApproximate('6')).to.equal(true);
    expect(isApproximate('')).to.equal(true);
  });

  it('when WEB holds a bare host, a labelled URL or words, then only a URL is kept', () => {
    expect(cgetWebsite('www.co-work.fr')).to.equal('https://www.co-work.fr');
    expect(cgetWebsite('http://example.org/x')).to.equal('http://example.org/x');
    expect(cgetWebsite('Innovation studio http://theschoolab.com/')).to.equal('http://theschoolab.com/');
    expect(cgetWebsite('https://atelier-d-cales.jimdo.com|site web')).to.equal('https://atelier-d-cales.jimdo.com');
    expect(cgetWebsite('http://www.chezmÃ©mÃ©.fr')).to.equal('http://www.chezmémé.fr');
    expect(cgetWebsite('en cours')).to.equal(undefined);
    expect(cgetWebsite('someone@laposte.fr')).to.equal(undefined);
    expect(cgetWebsite('')).to.equal(undefined);
  });

  it('when the demo places are seeded, then every website is a web address the import accepts', () => {
    const refused = locations.map((location) => location.contact?.website).filter((w) => w && !webAddress(w));
    expect(refused).to.deep.equal([]);
  });

  it('when NOMCOM is empty, then the locality comes from the entered or the coordinates’ commune', () => {
    expect(cgetLocality({ NOMCOM: '', COMINIT: 'VERNIOLLE', NOMCOMMETRO: 'Verniolle' })).to.equal('Verniolle');
    expect(cgetLocality({ NOMCOM: '', COMINIT: 'Castres', NOMCOMMETRO: 'Labruguière' })).to.equal('Castres');
    expect(cgetLocality({ NOMCOM: '', COMINIT: '', NOMCOMMETRO: 'Paris' })).to.equal('Paris');
  });

  it('when a CGET place is overseas, then its time zone is that of its department', () => {
    expect(cgetTimeZone({ CP: '97418' })).to.equal('Indian/Reunion');
    expect(cgetTimeZone({ CP: '97228' })).to.equal('America/Martinique');
    expect(cgetTimeZone({ CP: '0' })).to.equal('Europe/Paris');
  });
});
