// Signing with the instance's keys, and the public half for others to verify: the newest generation of each purpose
// signs; it and the one before are published, so what was signed just before a rotation still verifies.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import { InstanceKeyModel, KEY_PURPOSES, type InstanceKeyDoc, type KeyPurpose } from './instance-key.model.ts';

export const KEY_ALGORITHM = 'EdDSA';
/** The generations published per purpose: the signing key and, during a rotation, the one it replaced. */
const PUBLISHED_GENERATIONS = 2;
/** A key id nobody knows makes us read the keys again (another process may have rotated), at most this often. */
const RELOAD_UNKNOWN_KID_MS = 10_000;

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

export interface PublishedKey {
  kid: string;
  purpose: KeyPurpose;
  jwk: JWK;
  /** The JWK thumbprint (RFC 7638), shown to admins comparing keys out of band. */
  fingerprint: string;
}

interface Loaded {
  signing: Map<KeyPurpose, SigningKey>;
  published: PublishedKey[];
  verifying: Map<string, { purpose: KeyPurpose; key: CryptoKey }>;
}

const kidFor = (purpose: KeyPurpose, thumbprint: string) => `${purpose}-${thumbprint.slice(0, 22)}`;

async function createGeneration(purpose: KeyPurpose, generation: number): Promise<void> {
  const { publicKey, privateKey } = await generateKeyPair(KEY_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = kidFor(purpose, await calculateJwkThumbprint(publicJwk));
  try {
    await InstanceKeyModel.create({
      _id: `${purpose}:${generation}`,
      purpose,
      generation,
      kid,
      publicJwk: { ...publicJwk, kid, alg: KEY_ALGORITHM, use: 'sig' },
      privateJwk,
      createdAt: new Date(),
    });
  } catch (error) {
    // Another process made this generation first: its key is the one.
    if (!isDuplicateKey(error)) throw error;
  }
}

async function readNewest(): Promise<InstanceKeyDoc[]> {
  const docs = await InstanceKeyModel.find({}).lean<InstanceKeyDoc[]>().exec();
  return KEY_PURPOSES.flatMap((purpose) =>
    docs
      .filter((doc) => doc.purpose === purpose)
      .sort((a, b) => b.generation - a.generation)
      .slice(0, PUBLISHED_GENERATIONS),
  );
}

async function load(): Promise<Loaded> {
  const docs = await readNewest();
  for (const purpose of KEY_PURPOSES) {
    if (!docs.some((doc) => doc.purpose === purpose)) {
      await createGeneration(purpose, 1);
      return load();
    }
  }
  const loaded: Loaded = { signing: new Map(), published: [], verifying: new Map() };
  for (const doc of docs) {
    const jwk = doc.publicJwk as JWK;
    loaded.verifying.set(doc.kid, { purpose: doc.purpose, key: (await importJWK(jwk, KEY_ALGORITHM)) as CryptoKey });
    loaded.published.push({ kid: doc.kid, purpose: doc.purpose, jwk, fingerprint: await calculateJwkThumbprint(jwk) });
    if (!loaded.signing.has(doc.purpose)) {
      const privateKey = (await importJWK(doc.privateJwk as JWK, KEY_ALGORITHM)) as CryptoKey;
      loaded.signing.set(doc.purpose, { kid: doc.kid, privateKey });
    }
  }
  return loaded;
}

/** The keys of this instance, read once and again after a rotation or when asked for a key id it does not know. */
export class InstanceKeys {
  private loaded: Promise<Loaded> | undefined;
  private lastReload = 0;

  private current(): Promise<Loaded> {
    this.loaded ??= load().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  /** Makes the keys on first start (the private parts stay in the database). */
  async ensure(): Promise<void> {
    await this.current();
  }

  async signingKey(purpose: KeyPurpose): Promise<SigningKey> {
    const key = (await this.current()).signing.get(purpose);
    if (!key) throw new Error(`no ${purpose} key`);
    return key;
  }

  /** The public keys to serve at /.well-known/jwks.json. */
  async published(): Promise<PublishedKey[]> {
    return (await this.current()).published;
  }

  /** The public key of one of our key ids, for that purpose only; undefined when it is not (or no longer) ours. */
  async verificationKey(kid: string, purpose: KeyPurpose): Promise<CryptoKey | undefined> {
    let found = (await this.current()).verifying.get(kid);
    if (!found && Date.now() - this.lastReload > RELOAD_UNKNOWN_KID_MS) {
      this.lastReload = Date.now();
      this.loaded = undefined;
      found = (await this.current()).verifying.get(kid);
    }
    return found?.purpose === purpose ? found.key : undefined;
  }

  /**
   * Makes a new generation that signs from now on; the one before stays published until the next rotation, so what
   * it signed still verifies meanwhile. Other processes pick it up when they meet its key id.
   */
  async rotate(purpose: KeyPurpose): Promise<SigningKey> {
    const newest = (await readNewest()).find((doc) => doc.purpose === purpose);
    await createGeneration(purpose, (newest?.generation ?? 0) + 1);
    this.loaded = undefined;
    return this.signingKey(purpose);
  }
}

/** The one set of keys of this process. */
export const instanceKeys = new InstanceKeys();
