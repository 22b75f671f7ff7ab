// A starting server reads the directory from the checkpoint in the database and replays the change feed since,
// and shows exactly what a server built from the listings shows; an unusable checkpoint means a full build.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { CheckpointModel } from '../../server/directory/sync/checkpoint.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { NetworkModel } from '../../server/networks/network.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const WORLD = '/api/v1/locations?zoom=22&bbox=-180,-85,180,85';

/** Every place a visitor can find, by slug, with the name and network the map shows. */
async function listed(app: TestApp, query = ''): Promise<string[]> {
  const res = await app.get(`${WORLD}${query}`);
  expect(res.status).to.equal(200);
  const body = (await res.json()) as {
    features: { properties: { slug: string; name: string; networkSlug: string } }[];
  };
  return body.features.map((f) => `${f.properties.slug} · ${f.properties.name} · ${f.properties.networkSlug}`).sort();
}

describe('directory checkpoint (integration)', function () {
  let networks: Map<string, Types.ObjectId>;
  const apps: TestApp[] = [];
  const start = async () => {
    const app = await startTestApp();
    apps.push(app);
    return app;
  };

  beforeEach(async () => {
    await clearDatabase();
    networks = await createNetworks();
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo'),
      realPlace(networks, 'de-veldkei-havelte'),
      realPlace(networks, 'lavallee-bruxelles'),
      realPlace(networks, 'brussels-art-factory-bruxelles', { status: 'draft' }),
    );
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  it('when a server starts after another, then it reads the checkpoint, replays the changes since and shows the same places', async () => {
    const first = await start();
    expect(first.directory.follower.startedFrom).to.equal('listings');

    await LocationModel.updateOne({ slug: 'brussels-art-factory-bruxelles' }, { $set: { status: 'published' } });
    await LocationModel.updateOne(
      { slug: 'over-entinghe-dwingeloo' },
      { $set: { 'name.en': 'Over Entinghe village hall' } },
    );
    await LocationModel.deleteOne({ slug: 'de-veldkei-havelte' });
    await first.directory.follower.poll();

    const second = await start();
    expect(second.directory.follower.startedFrom).to.equal('checkpoint');
    const shown = await listed(second, '&lang=en');
    expect(shown).to.deep.equal(await listed(first, '&lang=en'));
    expect(shown.join('\n')).to.include('Over Entinghe village hall').and.include('brussels-art-factory-bruxelles');
    expect(shown.join('\n')).to.not.include('de-veldkei-havelte');
    // Words come back with the checkpoint too: a place name in another language still finds the Brussels places.
    expect(await listed(second, '&q=Brussel')).to.have.length(2);
  });

  it('when a network was renamed while no server ran, then a server starting from the checkpoint shows the new slug', async () => {
    await (await start()).close();
    const network = await NetworkModel.findOne({ _id: realPlace(networks, 'lavallee-bruxelles').network });
    await NetworkModel.updateOne({ _id: network!._id }, { $set: { slug: `${network!.slug}-renamed` } });

    const restarted = await start();
    expect(restarted.directory.follower.startedFrom).to.equal('checkpoint');
    expect((await listed(restarted)).join('\n')).to.include(`${network!.slug}-renamed`);
  });

  it('when the checkpoint is older than the change feed keeps and places changed since, then a starting server builds from the listings', async () => {
    await start();
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await CheckpointModel.updateOne({ _id: 'head' }, { $set: { feedPosition: twoHoursAgo } });
    await LocationModel.updateOne({ slug: 'brussels-art-factory-bruxelles' }, { $set: { status: 'published' } });

    const restarted = await start();
    expect(restarted.directory.follower.startedFrom).to.equal('listings');
    expect((await listed(restarted)).join('\n')).to.include('brussels-art-factory-bruxelles');
  });

  it('when the checkpoint was written with another place-name table or lost a part, then a starting server builds from the listings', async () => {
    await start();
    await CheckpointModel.updateOne({ _id: 'head' }, { $set: { format: '1:another-table' } });
    const afterOtherTable = await start();
    expect(afterOtherTable.directory.follower.startedFrom).to.equal('listings');

    // That start wrote a fresh checkpoint; now one of its parts disappears.
    await CheckpointModel.deleteMany({ _id: { $ne: 'head' } });
    const afterLostPart = await start();
    expect(afterLostPart.directory.follower.startedFrom).to.equal('listings');
    expect(await listed(afterLostPart)).to.deep.equal(await listed(afterOtherTable));
  });
});
