// The change feed every follower reads: one entry per write, bulk writes' ids kept aside, all of it pruned together.
import { expect } from 'chai';
import mongoose from 'mongoose';
import { demoLocationDocuments } from '../../server/demo/seed.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { changesSince, pruneChanges } from '../../server/shared/events/change-feed.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces } from '../support/fixtures.ts';

describe('change feed (integration)', function () {
  beforeEach(clearDatabase);

  it('when a bulk import and a single edit are written, then the feed has one entry each, with every id', async () => {
    const places = demoLocationDocuments(await createNetworks()).slice(0, 250);
    const before = new Date(Date.now() - 1000);
    await insertPlaces(...places);
    await LocationModel.updateOne({ slug: places[0]!.slug }, { $set: { 'name.en': 'Renamed' } });

    const entries = (await changesSince(before)).filter((e) => e.collectionName === 'locations');
    expect(entries).to.have.length(2);
    const ids = (await LocationModel.find().select('_id').lean()).map((d) => d._id.toString()).sort();
    expect([...entries[0]!.documentIds].sort()).to.deep.equal(ids);
    expect(entries[1]!.documentIds).to.have.length(1);
    // A reader that applied the import already is handed only the edit.
    const rest = await changesSince(before, new Set([entries[0]!._id.toString()]));
    expect(rest.filter((e) => e.collectionName === 'locations')).to.have.length(1);
  });

  it('when a location is saved, then its entry carries the document as written; a bulk import carries ids only', async () => {
    const places = demoLocationDocuments(await createNetworks()).slice(0, 30);
    const before = new Date(Date.now() - 1000);
    await insertPlaces(...places);
    const place = (await LocationModel.findOne({ slug: places[0]!.slug }))!;
    place.set('name.en', 'Renamed');
    await place.save();

    const [bulk, edit] = (await changesSince(before)).filter((e) => e.collectionName === 'locations');
    expect(bulk!.documents).to.equal(undefined);
    expect(edit!.documentIds).to.deep.equal([place._id.toString()]);
    const written = edit!.documents![0] as { slug: string; name: { en: string }; updatedAt: Date };
    expect(written.slug).to.equal(places[0]!.slug);
    expect(written.name.en).to.equal('Renamed');
    expect(written.updatedAt.getTime()).to.equal(place.updatedAt.getTime());
  });

  it('when entries are older than the retention, then pruning removes them and the id lists they point to', async () => {
    await insertPlaces(...demoLocationDocuments(await createNetworks()).slice(0, 50));
    await pruneChanges(Date.now() + 2 * 3600_000);
    expect(await changesSince(new Date(0))).to.deep.equal([]);
    expect(await mongoose.connection.db!.collection('change_id_lists').countDocuments()).to.equal(0);
  });
});
