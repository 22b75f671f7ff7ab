// An instance admin adds a peer by its address, sees its key fingerprints, approves, suspends and removes it.
import { expect } from 'chai';
import { PeerModel, type Peer } from '../../../server/federation/peer.model.ts';
import { AuditModel } from '../../../server/audit/audit.model.ts';
import { clearDatabase } from '../../support/database.ts';
import { startFakePeer, type FakePeer } from '../../support/fake-peer.ts';
import { localeText } from '../../support/locale-text.ts';
import { createPerson } from '../../support/people.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { TestClient } from '../../support/test-client.ts';

const ADMIN = 'ines.admin@example.org';
const plain = (html: string) => html.replace(/&#39;|&#x27;/g, "'").replace(/&amp;/g, '&');

describe('peers (integration)', function () {
  let app: TestApp;
  let strictApp: TestApp;
  let peer: FakePeer;
  let admin: TestClient;

  before(async () => {
    app = await startTestApp({ env: { FEDERATION_ALLOW_PRIVATE_ADDRESSES: 'true', INSTANCE_NAME: 'Smart BE' } });
    strictApp = await startTestApp();
    peer = await startFakePeer('Smart FR');
  });
  after(async () => {
    await app?.close();
    await strictApp?.close();
    await peer?.close();
  });
  beforeEach(async () => {
    await clearDatabase();
    await createPerson({ name: 'Inès Admin', email: ADMIN, instanceAdmin: true });
    admin = await TestClient.signedIn(app, ADMIN);
  });

  it('when an instance is asked for its descriptor, then it names its feeds, its JWKS and its languages', async function () {
    const res = await app.get('/.well-known/passerelle');
    expect(res.status).to.equal(200);
    const descriptor = (await res.json()) as Record<string, unknown>;
    expect(descriptor).to.deep.include({
      name: 'Smart BE',
      protocolVersion: 1,
      jwksUrl: `${app.baseUrl}/.well-known/jwks.json`,
      languages: ['en', 'nl', 'fr', 'de'],
    });
  });

  it('when an admin adds a peer by its address, then it waits for approval and its page shows the key fingerprint', async function () {
    const res = await admin.post('/admin/peers', { url: `${peer.baseUrl}/` });
    expect(res.status).to.equal(303);
    const stored = await PeerModel.findOne({}).lean<Peer>().orFail();
    expect(stored).to.deep.include({ baseUrl: peer.baseUrl, name: 'Smart FR', status: 'pending' });
    const page = await admin.request(res.headers.get('location')!);
    const html = plain(await page.text());
    expect(html).to.include(peer.fingerprint).and.include(localeText('en', 'federation:status.pending'));

    await admin.post(`/admin/peers/${stored._id.toString()}/approve`, {});
    expect((await PeerModel.findById(stored._id).lean<Peer>())!.status).to.equal('approved');
    await admin.post(`/admin/peers/${stored._id.toString()}/suspend`, {});
    expect((await PeerModel.findById(stored._id).lean<Peer>())!.status).to.equal('suspended');
    const actions = (await AuditModel.find({ entityType: 'peer' }).lean()).map((e) => e.action);
    expect(actions).to.have.members(['peer.add', 'peer.approve', 'peer.suspend']);
  });

  it('when the address is not a peer, is this instance, or was added already, then the form says why and nothing is stored', async function () {
    const cases: [string, string][] = [
      ['not an address', 'federation:validation.url'],
      [`${peer.baseUrl}/nothing-here`, 'federation:peers.errors.unreachable'],
      [app.baseUrl, 'federation:peers.errors.self'],
    ];
    for (const [url, key] of cases) {
      const res = await admin.post('/admin/peers', { url });
      expect(res.status, url).to.equal(400);
      expect(plain(await res.text()), url).to.include(localeText('en', key));
    }
    expect(await PeerModel.countDocuments()).to.equal(0);
    await admin.post('/admin/peers', { url: peer.baseUrl });
    const again = await admin.post('/admin/peers', { url: peer.baseUrl });
    expect(again.status).to.equal(409);
    expect(plain(await again.text())).to.include(localeText('en', 'federation:peers.errors.exists'));
    expect(await PeerModel.countDocuments()).to.equal(1);
  });

  it('when private addresses are not allowed, then a peer on loopback cannot be added', async function () {
    const strictAdmin = await TestClient.signedIn(strictApp, ADMIN);
    const res = await strictAdmin.post('/admin/peers', { url: peer.baseUrl });
    expect(res.status).to.equal(400);
    expect(plain(await res.text())).to.include(localeText('en', 'federation:peers.errors.unreachable'));
    expect(await PeerModel.countDocuments()).to.equal(0);
  });
});
