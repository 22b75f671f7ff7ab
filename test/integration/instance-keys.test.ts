// The instance's signing keys: made once on first start however many processes start at once, served without their
// private part, and rotated so that what the previous key signed still verifies.
import { expect } from 'chai';
import { compactVerify, CompactSign } from 'jose';
import { InstanceKeyModel } from '../../server/keys/instance-key.model.ts';
import { InstanceKeys, instanceKeys } from '../../server/keys/instance-keys.service.ts';
import { clearDatabase } from '../support/database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const sign = async (keys: InstanceKeys, text: string) => {
  const { kid, privateKey } = await keys.signingKey('pass');
  return new CompactSign(new TextEncoder().encode(text)).setProtectedHeader({ alg: 'EdDSA', kid }).sign(privateKey);
};

const verifies = async (keys: InstanceKeys, jws: string, kid: string) => {
  const key = await keys.verificationKey(kid, 'pass');
  if (!key) return false;
  return compactVerify(jws, key).then(
    () => true,
    () => false,
  );
};

describe('instance keys (integration)', function () {
  let app: TestApp;
  beforeEach(clearDatabase);
  afterEach(() => app?.close());

  it('makes one key per purpose when several processes start at once', async function () {
    const starting = Array.from({ length: 8 }, () => new InstanceKeys());
    await Promise.all(starting.map((keys) => keys.ensure()));
    expect(await InstanceKeyModel.countDocuments({})).to.equal(2);
    const kids = await Promise.all(starting.map(async (keys) => (await keys.signingKey('pass')).kid));
    expect(new Set(kids).size, 'every process signs with the same pass key').to.equal(1);
  });

  it('serves the public keys at /.well-known/jwks.json and never a private part', async function () {
    app = await startTestApp();
    const res = await app.get('/.well-known/jwks.json');
    expect(res.status).to.equal(200);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    const kids = keys.map((k) => k.kid);
    expect(kids).to.include((await instanceKeys.signingKey('pass')).kid);
    expect(kids).to.include((await instanceKeys.signingKey('request')).kid);
    for (const key of keys) {
      expect(key).to.include({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(key).not.to.have.property('d');
    }
  });

  it('signs with the new key after a rotation, still verifies the old one, and forgets the one before', async function () {
    const keys = new InstanceKeys();
    const first = await keys.signingKey('pass');
    const signedBefore = await sign(keys, 'before');
    const second = await keys.rotate('pass');
    expect(second.kid).not.to.equal(first.kid);
    expect(await verifies(keys, signedBefore, first.kid), 'signed before the rotation').to.equal(true);
    expect(await verifies(keys, await sign(keys, 'after'), second.kid)).to.equal(true);

    // Another process learns of the rotation when it meets the new key id.
    const elsewhere = new InstanceKeys();
    expect((await elsewhere.signingKey('pass')).kid).to.equal(second.kid);

    await keys.rotate('pass');
    const published = (await keys.published()).filter((key) => key.purpose === 'pass').map((key) => key.kid);
    expect(published).to.have.length(2);
    expect(published).not.to.include(first.kid);
    expect(await verifies(keys, signedBefore, first.kid), 'two rotations later').to.equal(false);
  });

  it('does not verify with a key of another purpose', async function () {
    const keys = new InstanceKeys();
    const { kid } = await keys.signingKey('request');
    expect(await keys.verificationKey(kid, 'pass')).to.equal(undefined);
    expect(await keys.verificationKey(kid, 'request')).not.to.equal(undefined);
  });
});
