// Importing an Overpass JSON export: mapped fields, rejected elements with reasons, re-runs that change only what
// changed, archiving what left the source, and the report in the audit log.
import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { importOsm } from '../../server/opendata/osm/osm-import.service.ts';
import { SYSTEM } from '../../server/shared/principal.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';

const FIXTURE = new URL('../fixtures/overpass-third-places.json', import.meta.url);

interface OverpassFile {
  elements: { type: string; id: number; tags?: Record<string, string> }[];
}

describe('OpenStreetMap import (integration)', function () {
  let text: string;
  const run = (source: string, options: { archiveMissing?: boolean; dryRun?: boolean } = {}) =>
    importOsm(SYSTEM, {
      networkSlug: 'smart-be',
      text: source,
      fileName: 'overpass.json',
      archiveMissing: options.archiveMissing ?? false,
      dryRun: options.dryRun ?? false,
    });

  before(async () => {
    text = await readFile(FIXTURE, 'utf8');
  });
  beforeEach(async () => {
    await clearDatabase();
    await createNetworks();
  });
  after(clearDatabase);

  it('when an Overpass export is imported, then its places are stored with names per language, address, hours and licence', async () => {
    const report = await run(text);

    expect(report).to.include({ created: 4, updated: 0, unchanged: 0, archived: 0 });
    const gent = await LocationModel.findOne({ 'source.recordId': 'node/4301157892' }).lean();
    expect(gent?.name).to.deep.equal({ nl: 'Ateljee Gent', fr: 'Atelier Gand' });
    expect(gent?.language).to.equal('nl');
    expect(gent?.address).to.include({
      street: 'Kortrijksesteenweg 1092',
      postcode: '9051',
      locality: 'Gent',
      countryCode: 'BE',
    });
    expect(gent?.openingHours).to.equal('Mo-Fr 08:30-18:00; PH off');
    expect(gent?.contact?.website).to.equal('https://www.ateljee-gent.be/');
    expect(gent?.facilities).to.include.members(['step-free-access', 'wifi', 'desks']);
    expect(gent?.status).to.equal('published');
    expect(gent?.source).to.include({
      name: 'OpenStreetMap',
      licence: 'ODbL 1.0 (Open Database License)',
      attribution: '© OpenStreetMap contributors',
      url: 'https://www.openstreetmap.org/node/4301157892',
    });

    const hall = await LocationModel.findOne({ 'source.recordId': 'way/238471193' }).lean();
    expect(hall?.type).to.equal('village-hall');
    expect(hall?.coordinates).to.include({ lat: 52.8466721, lng: 6.4203913 });
    expect(hall?.timeZone).to.equal('Europe/Amsterdam');
    expect(hall?.openingHours).to.equal('Mo-Fr 09:00-17:00; Sa 10:00-12:00 "op afspraak"');
    const lab = await LocationModel.findOne({ 'source.recordId': 'relation/11804532' }).lean();
    expect(lab?.name).to.deep.equal({ de: 'Chaos-Werkstatt Köln', en: 'Chaos Workshop Cologne' });
    expect(lab?.contact?.website).to.equal('https://chaos-werkstatt.example.org/');
    const lyon = await LocationModel.findOne({ 'source.recordId': 'node/7712004567' }).lean();
    expect(lyon?.address?.street).to.equal('48 Rue Saint-Michel');
    expect(lyon?.name).to.deep.equal({ fr: 'La Cordée Lyon Guillotière' });
  });

  it('when elements are unusable, then each is rejected with its reason and the rest is imported', async () => {
    const report = await run(text);
    const reasons = Object.fromEntries(report.rejected.map((r) => [r.recordId, r.reasons]));
    expect(reasons).to.deep.equal({
      'node/9021345678': ['noName'],
      'way/912003311': ['noPosition'],
      'node/3350982211': ['notAPlaceKind'],
      'node/6650012345': ['invalidField'],
      'node/5123987001': ['noLocality'],
    });
    expect(report.rejected.find((r) => r.recordId === 'node/6650012345')?.fields).to.deep.equal(['coordinates.lat']);
  });

  it('when the same file is imported twice, then the second run changes nothing', async () => {
    await run(text);
    const before = await LocationModel.find({}).sort({ slug: 1 }).lean();
    const second = await run(text);
    expect(second).to.include({ created: 0, updated: 0, unchanged: 4, archived: 0 });
    const after = await LocationModel.find({}).sort({ slug: 1 }).lean();
    expect(after.map((l) => l.updatedAt.getTime())).to.deep.equal(before.map((l) => l.updatedAt.getTime()));
  });

  it('when one element is edited in the source and the file re-run, then only that place changes', async () => {
    await run(text);
    const before = await LocationModel.find({}).sort({ slug: 1 }).lean();
    const file = JSON.parse(text) as OverpassFile;
    file.elements.find((e) => e.id === 7712004567)!.tags!.opening_hours = 'Mo-Sa 08:00-20:00';
    const report = await run(JSON.stringify(file));
    expect(report).to.include({ created: 0, updated: 1, unchanged: 3 });
    const after = await LocationModel.find({}).sort({ slug: 1 }).lean();
    const changed = after.filter((l, i) => l.updatedAt.getTime() !== before[i]!.updatedAt.getTime());
    expect(changed.map((l) => l.source?.recordId)).to.deep.equal(['node/7712004567']);
    expect(changed[0]?.openingHours).to.equal('Mo-Sa 08:00-20:00');
  });

  it('when an element left the source and the run archives, then its place is archived, and back when it returns', async () => {
    await run(text);
    const file = JSON.parse(text) as OverpassFile;
    const without = { ...file, elements: file.elements.filter((e) => e.id !== 238471193) };
    const report = await run(JSON.stringify(without), { archiveMissing: true });
    expect(report).to.include({ archived: 1, unchanged: 3 });
    expect((await LocationModel.findOne({ 'source.recordId': 'way/238471193' }).lean())?.status).to.equal('archived');

    const back = await run(text, { archiveMissing: true });
    expect(back).to.include({ updated: 1, archived: 0 });
    expect((await LocationModel.findOne({ 'source.recordId': 'way/238471193' }).lean())?.status).to.equal('published');
  });

  it('when a run is a dry run, then it reports what would change and writes nothing', async () => {
    const report = await run(text, { dryRun: true });
    expect(report).to.include({ created: 4, dryRun: true });
    expect(await LocationModel.countDocuments({})).to.equal(0);
    expect(await AuditModel.countDocuments({})).to.equal(0);
  });

  it('when a run ends, then its report is kept in the audit log of the network', async () => {
    await run(text);
    const entry = await AuditModel.findOne({ action: 'import.report' }).lean();
    expect(entry?.after).to.deep.include({ source: 'OpenStreetMap', created: 4, rejectedCount: 5 });
  });

  it('when two runs of the same file race, then no place is created twice', async () => {
    const reports = await Promise.all([run(text), run(text)]);
    expect(await LocationModel.countDocuments({})).to.equal(4);
    expect(reports.map((r) => r.created).sort()).to.deep.equal([0, 4]);
  });

  it('when the file is not JSON or not an Overpass export, then it is refused as a whole and nothing is written', async () => {
    for (const bad of ['<osm version="0.6"></osm>', '{"features":[]}']) {
      const error = await run(bad).catch((e: unknown) => e);
      expect(error).to.have.property('status', 400);
    }
    expect(await LocationModel.countDocuments({})).to.equal(0);
  });
});
