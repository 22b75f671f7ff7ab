// Listings followed from a peer are the peer's: nobody here edits them, and removing the peer removes them.
import { expect } from 'chai';
import { localId } from '../../../server/federation/remote-records.ts';
import { PeerModel } from '../../../server/federation/peer.model.ts';
import { LocationModel, type Location } from '../../../server/locations/location.model.ts';
import { NetworkModel } from '../../../server/networks/network.model.ts';
import { clearDatabase } from '../../support/database.ts';
import { createNetworks, realPlace } from '../../support/fixtures.ts';
import { createPerson } from '../../support/people.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';
import { TestClient } from '../../support/test-client.ts';

const ADMIN = 'ines.admin@example.org';

describe('followed listings (integration)', function () {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  it('when an instance admin opens or edits a followed listing, then it is refused; removing its peer removes it', async function () {
    await clearDatabase();
    const networks = await createNetworks();
    const peer = await PeerModel.create({
      baseUrl: 'https://smart-fr.passerelle.invalid',
      name: 'Smart FR',
      softwareName: 'Passerelle',
      softwareVersion: '0.1.0',
      protocolVersion: 1,
      jwksUrl: 'https://smart-fr.passerelle.invalid/.well-known/jwks.json',
      status: 'approved',
    });
    const networkId = localId(peer._id.toString(), 'networks', 'net1');
    await NetworkModel.create({
      _id: networkId,
      slug: 'smart-fr-abc123',
      language: 'fr',
      name: { fr: 'Smart FR' },
      origin: { peer: peer._id, remoteId: 'net1', peerName: 'Smart FR' },
    });
    const place = realPlace(networks, 'lavallee-bruxelles', { status: 'published', slug: 'followed-place' });
    await LocationModel.create({
      ...place,
      _id: localId(peer._id.toString(), 'locations', 'p1'),
      network: networkId,
      origin: { peer: peer._id, remoteId: 'p1', url: 'https://smart-fr.passerelle.invalid/locations/p1' },
    });
    await createPerson({ name: 'Inès Admin', email: ADMIN, instanceAdmin: true });
    const admin = await TestClient.signedIn(app, ADMIN);

    expect((await admin.request('/manage/locations/followed-place/edit')).status).to.equal(403);
    const edit = await admin.post('/manage/locations/followed-place/edit', { 'name.fr': 'Changed here' });
    expect(edit.status).to.equal(403);
    expect((await LocationModel.findOne({ slug: 'followed-place' }).lean<Location>())!.name.fr).to.not.equal(
      'Changed here',
    );

    const removed = await admin.post(`/admin/peers/${peer._id.toString()}/remove`, {});
    expect(removed.status).to.equal(303);
    expect(await LocationModel.countDocuments({ slug: 'followed-place' })).to.equal(0);
    expect(await NetworkModel.countDocuments({ _id: networkId })).to.equal(0);
  });
});
