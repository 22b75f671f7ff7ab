// The peers in memory: a small collection read whole, so a signed request finds its peer by key id without a lookup
// (FerretDB scans a collection for every lookup). Reread after a write here, and at most every few seconds when a key
// id is unknown (another process may have added or approved a peer).
import { importJWK, type CryptoKey, type JWK } from 'jose';
import { PeerModel, type Peer } from './peer.model.ts';

const RELOAD_UNKNOWN_MS = 5000;
/** A peer approved or suspended by another process is seen within this long even without an unknown key id. */
const RELOAD_EVERY_MS = 30_000;

export interface KnownKey {
  peer: Peer;
  key: CryptoKey;
}

export class PeerRegistry {
  private loaded: Promise<{ peers: Peer[]; keys: Map<string, KnownKey> }> | undefined;
  private loadedAt = 0;

  private async load() {
    const peers = await PeerModel.find({}).lean<Peer[]>().exec();
    const keys = new Map<string, KnownKey>();
    for (const peer of peers) {
      for (const { kid, jwk } of peer.keys) {
        try {
          keys.set(kid, { peer, key: (await importJWK(jwk as JWK, 'EdDSA')) as CryptoKey });
        } catch {
          // A key that does not import verifies nothing: the peer's other keys still do.
        }
      }
    }
    return { peers, keys };
  }

  private current() {
    if (this.loaded && Date.now() - this.loadedAt > RELOAD_EVERY_MS) this.loaded = undefined;
    if (!this.loaded) {
      this.loadedAt = Date.now();
      this.loaded = this.load().catch((error: unknown) => {
        this.loaded = undefined;
        throw error;
      });
    }
    return this.loaded;
  }

  /** After a write to the peers here. */
  invalidate(): void {
    this.loaded = undefined;
  }

  async all(): Promise<Peer[]> {
    return (await this.current()).peers;
  }

  async byId(id: string): Promise<Peer | undefined> {
    return (await this.all()).find((peer) => peer._id.toString() === id);
  }

  /** The peer holding a key id, with the key; undefined when no peer published it. */
  async byKid(kid: string): Promise<KnownKey | undefined> {
    let found = (await this.current()).keys.get(kid);
    if (!found && Date.now() - this.loadedAt > RELOAD_UNKNOWN_MS) {
      this.invalidate();
      found = (await this.current()).keys.get(kid);
    }
    return found;
  }
}
