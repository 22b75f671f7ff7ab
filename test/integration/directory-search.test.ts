// The directory's search API and page against the real database: words, places, filters, open-at, same results.
import { expect } from 'chai';
import mongoose, { type Types } from 'mongoose';
import { demoLocationDocuments } from '../../server/demo/seed.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { ChangeModel } from '../../server/shared/events/change-feed.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, locality, realPlace } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

interface Collection {
  features: {
    properties: { cluster: boolean; slug?: string; name?: string; count?: number; nameFallback?: boolean };
  }[];
  total: number;
  inView: number;
}

describe('directory search (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;

  const slugsFor = async (query: string): Promise<string[]> => {
    const res = await app.get(`/api/v1/locations?zoom=22&${query}`);
    expect(res.status, query).to.equal(200);
    const body = (await res.json()) as Collection;
    return body.features.map((f) => f.properties.slug!).sort();
  };

  beforeEach(async function () {
    await clearDatabase();
    networks = await createNetworks();
    app = await startTestApp();
  });
  afterEach(async () => app.close());

  const sync = () => app.directory.follower.poll();

  it('when a visitor searches "Luik", "Lüttich" or "liege", then the place in Liège is found', async () => {
    const liege = locality('Liège', 'BE');
    await insertPlaces(
      realPlace(networks, 'lavallee-bruxelles', {
        slug: 'test-place-liege',
        address: { locality: liege.locality, countryCode: 'BE' },
        coordinates: { lat: liege.lat, lng: liege.lng, approximate: true },
      }),
      realPlace(networks, 'brussels-art-factory-bruxelles'),
    );
    await sync();
    for (const q of ['Luik', 'Lüttich', 'liege', 'LIÈGE']) {
      expect(await slugsFor(`q=${encodeURIComponent(q)}`), q).to.deep.equal(['test-place-liege']);
    }
  });

  it('when a visitor searches "Namen", then places in Namur are found, and "Brussel" and "Bruxelles" find the same places', async () => {
    const namur = locality('Namur', 'BE');
    await insertPlaces(
      realPlace(networks, 'lavallee-bruxelles'),
      realPlace(networks, 'brussels-art-factory-bruxelles'),
      realPlace(networks, 'over-entinghe-dwingeloo', {
        slug: 'test-place-namur',
        address: { locality: namur.locality, countryCode: 'BE' },
        coordinates: { lat: namur.lat, lng: namur.lng, approximate: true },
      }),
    );
    await sync();
    expect(await slugsFor('q=Namen')).to.deep.equal(['test-place-namur']);
    const brussel = await slugsFor('q=Brussel');
    expect(brussel).to.deep.equal(['brussels-art-factory-bruxelles', 'lavallee-bruxelles']);
    expect(await slugsFor('q=Bruxelles')).to.deep.equal(brussel);
    expect(await slugsFor('q=Br%C3%BCssel')).to.deep.equal(brussel);
  });

  it('when words are searched in another content language of a listing, then it is found', async () => {
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo', {
        name: { nl: 'Over Entinghe', fr: 'Maison de village Over Entinghe' },
      }),
      realPlace(networks, 'de-veldkei-havelte'),
    );
    await sync();
    expect(await slugsFor('q=maison%20village')).to.deep.equal(['over-entinghe-dwingeloo']);
    expect(await slugsFor('q=ENTINGHE')).to.deep.equal(['over-entinghe-dwingeloo']);
  });

  it('when filters for country, type, facility and network are combined, then only places matching all of them remain', async () => {
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo'),
      realPlace(networks, 'de-veldkei-havelte'),
      realPlace(networks, 'lavallee-bruxelles'),
      realPlace(networks, (d) => d.type === 'fablab'),
      realPlace(networks, (d) => d.type === 'coworking' && d.address.countryCode === 'FR'),
    );
    await sync();
    expect(await slugsFor('country=NL')).to.deep.equal(['de-veldkei-havelte', 'over-entinghe-dwingeloo']);
    expect(await slugsFor('country=NL&facility=printer')).to.deep.equal(['over-entinghe-dwingeloo']);
    expect(await slugsFor('facility=height-adjustable-desks&facility=fast-internet')).to.deep.equal([
      'de-veldkei-havelte',
    ]);
    expect(await slugsFor('network=smart-be')).to.deep.equal(['lavallee-bruxelles']);
    expect(await slugsFor('type=fablab')).to.have.length(1);
    expect(await slugsFor('type=fablab,village-hall')).to.have.length(3);
    expect(await slugsFor('country=fr&type=village-hall')).to.deep.equal([]);
  });

  it('when "open at" a date and time is asked, then it is read in each place\'s own time zone', async () => {
    await insertPlaces(
      realPlace(networks, 'lavallee-bruxelles', { openingHours: 'Mo-Fr 09:00-17:00' }),
      realPlace(networks, 'over-entinghe-dwingeloo', { openingHours: 'Sa 10:00-12:00' }),
      realPlace(networks, 'de-veldkei-havelte'),
    );
    await sync();
    // Tuesday 24 November 2026.
    expect(await slugsFor('openAt=2026-11-24T10:00')).to.deep.equal(['lavallee-bruxelles']);
    expect(await slugsFor('openAt=2026-11-28T11:00')).to.deep.equal(['over-entinghe-dwingeloo']);
    expect(await slugsFor('openAt=2026-11-29T11:00')).to.deep.equal([]);
    // 08:30 UTC is 09:30 in Brussels; 07:30 UTC is 08:30 there, before opening.
    expect(await slugsFor(`openAt=${encodeURIComponent('2026-11-24T08:30:00Z')}`)).to.deep.equal([
      'lavallee-bruxelles',
    ]);
    expect(await slugsFor(`openAt=${encodeURIComponent('2026-11-24T07:30:00Z')}`)).to.deep.equal([]);
  });

  it('when the map asks at a low zoom, then clusters count every place in view, and the list page shows the same total', async () => {
    const french = demoLocationDocuments(networks).filter(
      (d) => d.address.countryCode === 'FR' && d.address.region === 'Bretagne',
    );
    await insertPlaces(...french);
    await sync();
    const bbox = '-6,46,0,49.5';
    const res = await app.get(`/api/v1/locations?bbox=${bbox}&zoom=6`);
    const body = (await res.json()) as Collection;
    const counted = body.features.reduce((n, f) => n + (f.properties.cluster ? f.properties.count! : 1), 0);
    expect(body.features.some((f) => f.properties.cluster)).to.equal(true);
    expect(counted).to.equal(body.inView);
    expect(body.inView).to.be.greaterThan(10);

    const page = await (await app.get(`/?bbox=${bbox}&zoom=6`)).text();
    expect(page).to.include(`${body.inView} places in the map view`);
  });

  it('when a location is deleted from the database, then its tombstone in the change feed removes it from the directory', async () => {
    await insertPlaces(realPlace(networks, 'over-entinghe-dwingeloo'), realPlace(networks, 'de-veldkei-havelte'));
    await sync();
    expect(await slugsFor('country=NL')).to.have.length(2);
    await LocationModel.deleteOne({ slug: 'de-veldkei-havelte' });
    await sync();
    expect(await slugsFor('country=NL')).to.deep.equal(['over-entinghe-dwingeloo']);
  });

  it('when the whole French dataset is imported at once and the Paris places are archived in one update, then the directory follows both', async () => {
    const all = demoLocationDocuments(networks);
    await insertPlaces(...all);
    await sync();
    const world = '/api/v1/locations?zoom=2&bbox=-180,-85,180,85';
    expect(((await (await app.get(world)).json()) as Collection).total).to.equal(all.length);

    const paris = all.filter((d) => d.address.locality === 'Paris').map((d) => d.slug);
    expect(paris.length).to.be.greaterThan(10);
    await LocationModel.updateMany({ 'address.locality': 'Paris' }, { $set: { status: 'archived' } });
    await sync();
    expect(((await (await app.get(world)).json()) as Collection).total).to.equal(all.length - paris.length);
    expect(await slugsFor('q=Paris&country=FR')).to.not.include.members(paris.slice(0, 1));
  });

  it('when two places share one position, then their cluster lists both, since no zoom can separate them', async () => {
    await insertPlaces(
      realPlace(networks, 'lavallee-bruxelles'),
      realPlace(networks, 'brussels-art-factory-bruxelles'),
    );
    await sync();
    const body = (await (await app.get('/api/v1/locations?q=Bruxelles&zoom=12')).json()) as {
      features: { properties: { cluster: boolean; places?: { slug: string }[] } }[];
    };
    expect(body.features).to.have.length(1);
    expect(body.features[0]!.properties.places!.map((p) => p.slug).sort()).to.deep.equal([
      'brussels-art-factory-bruxelles',
      'lavallee-bruxelles',
    ]);
  });

  it('when a location is published or archived, then every running server shows or drops it within 2 seconds', async () => {
    // Two servers following the database at the interval `npm start` uses.
    const servers = [await startTestApp({ pollMs: 1000 }), await startTestApp({ pollMs: 1000 })];
    try {
      await insertPlaces(realPlace(networks, 'de-veldkei-havelte', { status: 'draft' }));
      const found = async (server: TestApp) => {
        const body = (await (await server.get('/api/v1/locations?zoom=22&q=Veldkei')).json()) as Collection;
        return body.total === 1;
      };
      await Promise.all(servers.map((s) => s.directory.follower.poll()));
      expect(await Promise.all(servers.map(found))).to.deep.equal([false, false]);

      await LocationModel.updateOne({ slug: 'de-veldkei-havelte' }, { $set: { status: 'published' } });
      const published = Date.now();
      for (const server of servers)
        expect(await eventually(() => found(server), 2000 - (Date.now() - published))).to.equal(true);

      await LocationModel.updateOne({ slug: 'de-veldkei-havelte' }, { $set: { status: 'archived' } });
      const archived = Date.now();
      for (const server of servers) {
        expect(await eventually(async () => !(await found(server)), 2000 - (Date.now() - archived))).to.equal(true);
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });

  it('when a location is saved, then the directory applies it from the feed, and a late entry with an older write does not undo it', async () => {
    await insertPlaces(realPlace(networks, 'de-veldkei-havelte'));
    await sync();
    const place = (await LocationModel.findOne({ slug: 'de-veldkei-havelte' }))!;
    place.set('name.en', 'Village hall De Veldkei');
    await place.save();
    // Changed behind the feed's back: a server reading the listing back would show this name instead.
    await mongoose.connection
      .db!.collection('locations')
      .updateOne({ _id: place._id }, { $set: { 'name.en': 'Not from the feed' } });
    await sync();
    const shownName = async () => {
      const body = (await (await app.get('/api/v1/locations?zoom=22&q=Veldkei&lang=en')).json()) as Collection;
      return body.features.map((f) => f.properties.name);
    };
    expect(await shownName()).to.deep.equal(['Village hall De Veldkei']);

    // A server whose clock runs a minute slow archived it "before" that save; its entry is read only now.
    const stale = { ...place.toObject(), status: 'archived', updatedAt: new Date(place.updatedAt.getTime() - 60_000) };
    await ChangeModel.create({
      collectionName: 'locations',
      documentIds: [place._id.toString()],
      documents: [stale],
      at: new Date(),
    });
    await sync();
    expect(await shownName()).to.deep.equal(['Village hall De Veldkei']);
  });
});

/** Polls `check` until it holds or `withinMs` passes; returns whether it held. */
async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
