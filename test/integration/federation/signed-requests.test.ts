// Signed requests between peers (RFC 9421, Ed25519, Content-Digest): only a fresh, unseen signature by a key an
// approved peer published, over this very request, is accepted; every other one is refused.
import { generateKeyPair } from 'jose';
import { expect } from 'chai';
import { PeerModel } from '../../../server/federation/peer.model.ts';
import { signRequest } from '../../../server/federation/http-signature.ts';
import { clearDatabase } from '../../support/database.ts';
import { startFakePeer, type FakePeer } from '../../support/fake-peer.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

describe('signed requests between peers (integration)', function () {
  let app: TestApp;
  let peer: FakePeer;
  let url: string;

  before(async () => {
    await clearDatabase();
    peer = await startFakePeer('Smart FR');
    app = await startTestApp({ federation: true });
    url = `${app.baseUrl}/federation/v1/hello`;
  });
  after(async () => {
    await app?.close();
    await peer?.close();
    await clearDatabase();
  });
  beforeEach(async () => {
    await PeerModel.deleteMany({});
    await PeerModel.create({
      baseUrl: peer.baseUrl,
      name: 'Smart FR',
      softwareName: 'Passerelle',
      softwareVersion: '0.1.0',
      protocolVersion: 1,
      jwksUrl: `${peer.baseUrl}/.well-known/jwks.json`,
      keys: [{ kid: peer.kid, jwk: peer.publicJwk, fingerprint: peer.fingerprint }],
      status: 'approved',
    });
    app.federation!.registry.invalidate();
  });

  const signed = (at = Date.now(), privateKey = peer.privateKey, kid = peer.kid) =>
    signRequest({ method: 'GET', url }, { kid, privateKey }, at);

  async function answer(headers: Record<string, string>): Promise<{ status: number; reason?: string }> {
    const res = await fetch(url, { headers: { ...headers, accept: 'application/json' } });
    const body = (await res.json()) as { error?: { message: string } };
    return { status: res.status, reason: body.error?.message };
  }

  it('when an approved peer signs a request, then it is answered once and refused when replayed', async function () {
    const headers = await signed();
    expect((await answer(headers)).status).to.equal(200);
    const replayed = await answer(headers);
    expect(replayed.status).to.equal(401);
    expect(replayed.reason).to.include('replayed');
  });

  it('when a signature is forged, expired, made with another key, over another digest, or by an unknown key, then it is refused', async function () {
    const forged = await signed();
    forged.signature = forged.signature!.replace(/^sig1=:(.)/, (_m, c: string) => `sig1=:${c === 'A' ? 'B' : 'A'}`);
    const expired = await signed(Date.now() - 10 * 60 * 1000);
    const other = (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey;
    const wrongKey = await signed(Date.now(), other);
    const wrongDigest = {
      ...(await signed()),
      'content-digest': 'sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:',
    };
    const unknownKey = await signed(Date.now(), other, 'request-somebody-else');
    const outcomes = {
      unsigned: await answer({}),
      forged: await answer(forged),
      expired: await answer(expired),
      wrongKey: await answer(wrongKey),
      wrongDigest: await answer(wrongDigest),
      unknownKey: await answer(unknownKey),
    };
    expect(
      Object.fromEntries(Object.entries(outcomes).map(([k, v]) => [k, [v.status, v.reason?.match(/\((.+)\)/)?.[1]]])),
    ).to.deep.equal({
      unsigned: [401, 'missing'],
      forged: [401, 'bad-signature'],
      expired: [401, 'expired'],
      wrongKey: [401, 'bad-signature'],
      wrongDigest: [401, 'bad-digest'],
      unknownKey: [401, 'unknown-key'],
    });
  });

  it('when the peer is suspended, then its correctly signed request is refused', async function () {
    await PeerModel.updateOne({}, { $set: { status: 'suspended' } });
    app.federation!.registry.invalidate();
    const suspended = await answer(await signed());
    expect(suspended.status).to.equal(403);
    expect(suspended.reason).to.include('(peer-suspended)');
  });
});
