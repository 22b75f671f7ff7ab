// Reading the audit log against the real database: who may read which entries, filters, pages, and the JSON twin.
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson, TEST_PASSWORD } from '../support/people.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const shown = (lang: string, key: string) =>
  localeText(lang, key)
    .split('{{')[0]!
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');

interface ApiPage {
  page: number;
  perPage: number;
  nextPage: number | null;
  entries: { action: string; entityId: string; network: string | null; actor: { name: string | null } }[];
}

describe('audit log (integration)', function () {
  let app: TestApp;
  let networks: Map<string, Types.ObjectId>;
  let actor: Types.ObjectId;

  const drenthe = () => networks.get('dorpshuizen-drenthe')!;
  const smart = () => networks.get('smart-be')!;

  /** Entries written straight to the log, `minutesAgo` apart, as services would have. */
  async function entry(
    action: string,
    entityId: string,
    network: Types.ObjectId | undefined,
    minutesAgo: number,
    fields: { before?: object; after?: object } = {},
  ): Promise<void> {
    await AuditModel.create({
      at: new Date(Date.now() - minutesAgo * 60_000),
      actor,
      actorKind: 'user',
      via: 'session',
      action,
      entityType: action.split('.')[0],
      entityId,
      network,
      before: fields.before ?? {},
      after: fields.after ?? {},
    });
  }

  async function signedIn(email: string): Promise<TestClient> {
    const client = new TestClient(app);
    await client.login(email, TEST_PASSWORD);
    return client;
  }

  beforeEach(async () => {
    await clearDatabase();
    app = await startTestApp();
    networks = await createNetworks();
    actor = (
      await createPerson({ name: 'Ineke Bos', email: 'ineke@example.org', memberships: [{ network: drenthe() }] })
    ).id;
    await createPerson({ name: 'Root', email: 'root@example.org', instanceAdmin: true });
    await createPerson({
      name: 'Nadia',
      email: 'nadia@example.org',
      memberships: [{ network: drenthe(), networkAdmin: true }],
    });
    await createPerson({ name: 'Mo', email: 'mo@example.org', memberships: [{ network: drenthe() }] });
    await entry('location.update', 'drenthe-place', drenthe(), 3, {
      before: { openingHours: 'Mo-Fr 09:00-17:00' },
      after: { openingHours: 'Mo-Fr 08:30-17:00' },
    });
    await entry('network.update', 'smart-network', smart(), 2, { after: { website: 'https://smart.example' } });
    await entry('token.create', 'some-token', undefined, 1, { after: { name: '<script>alert(1)</script>' } });
  });
  afterEach(async () => app.close());

  it('when an instance admin opens the audit log, then every entry shows, newest first, in an accessible table', async () => {
    const client = await signedIn('root@example.org');

    const res = await client.get('/admin/audit?lang=fr');
    const html = await res.text();

    expect(res.status).to.equal(200);
    const order = ['some-token', 'smart-network', 'drenthe-place'].map((id) => html.indexOf(id));
    expect(order.every((i) => i > 0)).to.equal(true);
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    expect(html).to.include(shown('fr', 'audit:actions.location.update'));
    expect(html).to.include('Ineke Bos');
    expect(html).to.include('Mo-Fr 09:00-17:00').and.include('Mo-Fr 08:30-17:00');
    expect(html).to.include('<caption>').and.include('<th scope="col">').and.include('class="table-scroll"');
    expect(html).not.to.include('<script>alert(1)</script>');
    expect(html).to.include('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it("when a network admin opens their network's log, then only that network's entries show", async () => {
    const client = await signedIn('nadia@example.org');

    const res = await client.get('/networks/dorpshuizen-drenthe/audit');
    const html = await res.text();

    expect(res.status).to.equal(200);
    expect(html).to.include('drenthe-place').and.not.include('smart-network').and.not.include('some-token');
  });

  it("when a network admin opens another network's log or the instance log, then it is refused", async () => {
    const client = await signedIn('nadia@example.org');

    expect((await client.get('/networks/smart-be/audit')).status).to.equal(403);
    expect((await client.get('/admin/audit')).status).to.equal(403);
    expect((await client.get('/networks/no-such-network/audit')).status).to.equal(404);
  });

  it('when a member asks for any audit log, then it is refused (403), page and API alike', async () => {
    const client = await signedIn('mo@example.org');

    expect((await client.get('/networks/dorpshuizen-drenthe/audit')).status).to.equal(403);
    expect((await client.get('/admin/audit')).status).to.equal(403);
    expect((await client.get('/api/v1/audit', { accept: 'application/json' })).status).to.equal(403);
  });

  it('when someone not signed in asks for an audit log, then pages send them to log in and the API answers 401 with a Bearer challenge', async () => {
    const client = new TestClient(app);

    const page = await client.get('/networks/dorpshuizen-drenthe/audit');
    expect(page.status).to.equal(303);
    expect(page.headers.get('location')).to.match(/^\/login\?next=/);
    expect((await client.get('/admin/audit')).headers.get('location')).to.match(/^\/login\?next=/);
    const api = await client.get('/api/v1/audit');
    expect(api.status).to.equal(401);
    expect(api.headers.get('www-authenticate')).to.equal('Bearer realm="Passerelle API"');
  });

  it('when the log is filtered by an action prefix or an entity, then only matching entries show', async () => {
    const client = await signedIn('root@example.org');

    const byAction = await (await client.get('/admin/audit?action=network.')).text();
    expect(byAction).to.include('smart-network').and.not.include('drenthe-place');

    const byEntity = await (await client.get('/admin/audit?entity=drenthe-place')).text();
    expect(byEntity).to.include('Mo-Fr 08:30-17:00').and.not.include('smart-network');

    const odd = await client.get('/admin/audit?action=.*&lang=nl');
    expect(odd.status).to.equal(400);
    expect(await odd.text()).to.include(shown('nl', 'audit:validation.action'));

    const operator = await client.get('/api/v1/audit?action[$ne]=x');
    expect(operator.status).to.equal(400);
  });

  it('when there are more than fifty entries, then they come fifty to a page with links between pages', async () => {
    for (let i = 0; i < 52; i += 1) await entry('location.update', `bulk-${i}`, drenthe(), 10 + i);
    const client = await signedIn('root@example.org');

    const first = await (await client.get('/admin/audit?action=location.')).text();
    expect(first).to.include('rel="next"').and.include('>drenthe-place<').and.include('>bulk-48<');
    expect(first).not.to.include('>bulk-49<');
    const second = await (await client.get('/admin/audit?action=location.&page=2')).text();
    expect(second).to.include('rel="prev"').and.include('>bulk-49<').and.include('>bulk-51<');
    expect(second).not.to.include('>drenthe-place<').and.not.include('rel="next"');
    expect(second).to.include('href="/admin/audit?action=location.&amp;page=1"');
  });

  it('when the JSON twin is read, then instance admins get everything and network admins only their networks', async () => {
    const root = await signedIn('root@example.org');
    const all = (await (await root.get('/api/v1/audit', { accept: 'application/json' })).json()) as ApiPage;
    expect(all.entries.map((e) => e.entityId)).to.deep.equal(['some-token', 'smart-network', 'drenthe-place']);
    expect(all).to.include({ page: 1, perPage: 50, nextPage: null });
    expect(all.entries[2]!.actor.name).to.equal('Ineke Bos');

    const nadia = await signedIn('nadia@example.org');
    const ours = (await (await nadia.get('/api/v1/audit?network=dorpshuizen-drenthe')).json()) as ApiPage;
    expect(ours.entries.map((e) => e.entityId)).to.deep.equal(['drenthe-place']);
    expect(ours.entries[0]!.network).to.equal('dorpshuizen-drenthe');
    const mine = (await (await nadia.get('/api/v1/audit')).json()) as ApiPage;
    expect(mine.entries.map((e) => e.entityId)).to.deep.equal(['drenthe-place']);
    expect((await nadia.get('/api/v1/audit?network=smart-be')).status).to.equal(403);
  });
});
