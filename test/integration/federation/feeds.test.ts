// The public RPDE feeds: a backfill of every record, one item per record in change-number order, edits and deletions
// moving a record to the end of its feed, tombstones, and pages that never skip an item.
import { expect } from 'chai';
import { LocationModel } from '../../../server/locations/location.model.ts';
import { clearDatabase } from '../../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../../support/fixtures.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

interface Item {
  state: 'updated' | 'deleted';
  id: string;
  modified: number;
  data?: { '@type': string; name: Record<string, string>; identifier: string };
}
interface Page {
  next: string;
  items: Item[];
}

const A1 = 'lavallee-bruxelles';
const A2 = 'brussels-art-factory-bruxelles';

describe('RPDE feeds (integration)', function () {
  let app: TestApp;

  before(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(
      realPlace(networks, A1, { status: 'published' }),
      realPlace(networks, A2, { status: 'published' }),
      realPlace(networks, 'over-entinghe-dwingeloo', { status: 'draft' }),
    );
    app = await startTestApp({ federation: true });
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  async function page(url: string): Promise<Page> {
    const res = await fetch(url);
    expect(res.status, url).to.equal(200);
    return (await res.json()) as Page;
  }

  /** Every item from the start, following `next` until the last page points to itself. */
  async function readAll(kind: string, from = 0): Promise<Item[]> {
    const items: Item[] = [];
    let url = `${app.baseUrl}/federation/v1/feeds/${kind}?afterChangeNumber=${from}`;
    for (;;) {
      const current = await page(url);
      items.push(...current.items);
      if (current.next === url) return items;
      url = current.next;
    }
  }

  const idOf = async (slug: string) => String((await LocationModel.findOne({ slug }).lean())!._id);

  it('when a peer reads a new feed from the start, then every published record is there once, as schema.org JSON-LD', async function () {
    const items = await readAll('locations');
    const updated = items.filter((i) => i.state === 'updated');
    expect(updated.map((i) => i.id)).to.have.members([await idOf(A1), await idOf(A2)]);
    expect(updated[0]!.data!['@type']).to.equal('Place');
    // The draft is a tombstone: its id only, no data.
    const draft = items.find((i) => i.id !== updated[0]!.id && i.id !== updated[1]!.id);
    expect(draft).to.deep.include({ state: 'deleted' });
    expect(draft).to.not.have.property('data');
    const networks = await readAll('networks');
    expect(networks.length).to.be.greaterThan(0);
    expect(networks[0]!.data!['@type']).to.equal('Organization');
  });

  it('when a record is edited, then it moves to the end of the feed with a higher number and its old item is gone', async function () {
    const before = await readAll('locations');
    const last = Math.max(...before.map((i) => i.modified));
    const id = await idOf(A1);
    await LocationModel.updateOne({ _id: id }, { $set: { 'name.en': 'LaVallée, renewed' } });
    await app.federation!.writer.poll();
    const after = await readAll('locations');
    expect(after.filter((i) => i.id === id)).to.have.length(1);
    const changed = after.find((i) => i.id === id)!;
    expect(changed.modified).to.be.greaterThan(last);
    expect(changed.data!.name.en).to.equal('LaVallée, renewed');
    const since = await readAll('locations', last);
    expect(since.map((i) => i.id)).to.deep.equal([id]);
  });

  it('when a record is deleted or unpublished, then its item becomes a tombstone', async function () {
    const id = await idOf(A2);
    await LocationModel.deleteOne({ _id: id });
    await app.federation!.writer.poll();
    const items = await readAll('locations');
    expect(items.find((i) => i.id === id)).to.deep.include({ state: 'deleted' });
    expect(items.find((i) => i.id === id)).to.not.have.property('data');
  });

  it('when the change number is not a whole number, then the feed answers 400 and an unknown kind 404', async function () {
    expect((await app.get('/federation/v1/feeds/locations?afterChangeNumber=-1')).status).to.equal(400);
    expect((await app.get('/federation/v1/feeds/locations?afterChangeNumber=abc')).status).to.equal(400);
    expect((await app.get('/federation/v1/feeds/nothing')).status).to.equal(404);
  });
});
