// The follower against a hostile peer: random and malformed pages, items claiming another origin, huge and slow
// answers. Nothing crashes, nothing bad is stored, and the peer's health says what went wrong.
import { expect } from 'chai';
import fc from 'fast-check';
import { LocationModel } from '../../../server/locations/location.model.ts';
import { NetworkModel } from '../../../server/networks/network.model.ts';
import { OutboundClient } from '../../../server/federation/outbound-client.ts';
import { PeerFollower } from '../../../server/federation/peer-follower.ts';
import { PeerModel, type Peer } from '../../../server/federation/peer.model.ts';
import { clearDatabase } from '../../support/database.ts';
import { startFakePeer, type FakePeer } from '../../support/fake-peer.ts';
import { testLogger } from '../../support/root-hooks.ts';

const FEED = '/federation/v1/feeds/locations';

function validPlace(peerBase: string, id: string) {
  return {
    '@type': 'Place',
    '@id': `${peerBase}/locations/a-place`,
    identifier: id,
    inLanguage: 'fr',
    name: { fr: 'Un lieu' },
    additionalType: 'passerelle:coworking',
    'passerelle:model': { governance: 'cooperative', openness: 'public', spaceKind: 'shared-workspace' },
    address: { addressLocality: 'Lille', addressCountry: 'FR' },
    geo: { latitude: 50.63, longitude: 3.06 },
    'passerelle:timeZone': 'Europe/Paris',
    publisher: { identifier: 'net1' },
  };
}

describe('follower against a hostile peer (integration)', function () {
  this.timeout(120_000);
  let peer: FakePeer;
  let answer: (url: string) => { status?: number; body: string | Buffer; delayMs?: number };
  let follower: PeerFollower;

  before(async () => {
    peer = await startFakePeer('Hostile');
    peer.handlers.push(async (req, res) => {
      if (!req.url?.startsWith(FEED)) return false;
      const { status = 200, body, delayMs } = answer(req.url);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      res.statusCode = status;
      res.end(body);
      return true;
    });
    follower = new PeerFollower({
      client: new OutboundClient({ allowAddress: () => true, timeoutMs: 500 }),
      logger: testLogger,
      pollMs: 1000,
      staleAfterMs: 3600_000,
    });
  });
  after(async () => {
    await peer?.close();
    await clearDatabase();
  });

  async function approvedPeer(): Promise<Peer> {
    await clearDatabase();
    const doc = await PeerModel.create({
      baseUrl: peer.baseUrl,
      name: 'Hostile',
      softwareName: 'Passerelle',
      softwareVersion: '0.1.0',
      protocolVersion: 1,
      feeds: { locations: `${peer.baseUrl}${FEED}` },
      jwksUrl: `${peer.baseUrl}/.well-known/jwks.json`,
      keys: [],
      status: 'approved',
    });
    // As the follower reads peers: lean, its feeds a plain object.
    return PeerModel.findById(doc._id).lean<Peer>().orFail();
  }

  const health = async () => (await PeerModel.findOne({}).lean<Peer>().orFail()).health;

  it('when pages are random or malformed, then the follower never throws and stores nothing', async function () {
    const pages = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((v) => JSON.stringify({ next: `${peer.baseUrl}${FEED}?afterChangeNumber=1`, items: [v] })),
      fc
        .array(
          fc.record({ state: fc.constantFrom('updated', 'deleted', 'bogus'), id: fc.string(), data: fc.anything() }),
          {
            maxLength: 5,
          },
        )
        .map((items) => JSON.stringify({ next: `${peer.baseUrl}${FEED}?afterChangeNumber=1`, items })),
    );
    await fc.assert(
      fc.asyncProperty(pages, async (body) => {
        const target = await approvedPeer();
        let asked = 0;
        answer = () => {
          asked += 1;
          return { body };
        };
        await follower.pull(target);
        expect(asked, 'the feed was read').to.be.greaterThan(0);
        expect(await LocationModel.countDocuments({ origin: { $exists: true } })).to.equal(0);
      }),
      { numRuns: 25 },
    );
  });

  it('when an item claims another origin, or a page is huge or slow, then it is refused and logged in the health', async function () {
    let target = await approvedPeer();
    await NetworkModel.create({ slug: 'x', language: 'fr', name: { fr: 'X' } });
    const foreign = { ...validPlace(peer.baseUrl, 'p1'), '@id': 'https://elsewhere.example/locations/a-place' };
    answer = (url) => ({
      body: JSON.stringify({
        next: `${peer.baseUrl}${url.replace(/^.*\/federation/, '/federation')}`,
        items: [{ state: 'updated', id: 'p1', modified: 1, data: foreign }],
      }),
    });
    await follower.pull(target);
    expect(await LocationModel.countDocuments({ origin: { $exists: true } })).to.equal(0);

    target = await approvedPeer();
    answer = () => ({ body: Buffer.alloc(6 * 1024 * 1024, 32) });
    await follower.pull(target);
    expect(await health()).to.deep.include({ state: 'failing', lastError: 'too-large', failures: 1 });

    target = await approvedPeer();
    answer = () => ({ body: '{}', delayMs: 800 });
    await follower.pull(target);
    expect(await health()).to.deep.include({ state: 'failing', lastError: 'timeout' });
  });
});
