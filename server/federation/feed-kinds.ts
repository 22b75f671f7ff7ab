// The feed kinds this instance publishes, one small module each: which collection's changes number its items, how
// its records are read by id, which are public (others are tombstones), and their JSON-LD. Events and agreements
// join here when their domains exist.
import { allLocationIds, locationsByIds } from '../locations/index.ts';
import { networksByIds } from '../networks/index.ts';
import { organizationJsonLd, placeJsonLd } from './jsonld.ts';

export interface FeedKind {
  kind: string;
  /** The change feed's collection whose writes are this feed's changes. */
  collectionName: string;
  /** Every record's id, in batches: a new feed numbers them all once. */
  allIds(): AsyncIterable<string[]>;
  /** Records by id as JSON-LD, or null where the record is gone or not public (a tombstone). */
  read(ids: string[], baseUrl: string): Promise<Map<string, Record<string, unknown> | null>>;
}

const locationsKind: FeedKind = {
  kind: 'locations',
  collectionName: 'locations',
  allIds: allLocationIds,
  async read(ids, baseUrl) {
    const found = new Map<string, Record<string, unknown> | null>(ids.map((id) => [id, null]));
    for (const location of await locationsByIds(ids)) {
      // Listings followed from a peer are the peer's to publish, not ours.
      if (location.status === 'published' && !location.origin) {
        found.set(location._id.toString(), placeJsonLd(location, baseUrl));
      }
    }
    return found;
  },
};

const networksKind: FeedKind = {
  kind: 'networks',
  collectionName: 'networks',
  async *allIds() {
    yield (await networksByIds()).map((network) => network._id.toString());
  },
  async read(ids, baseUrl) {
    const found = new Map<string, Record<string, unknown> | null>(ids.map((id) => [id, null]));
    for (const network of await networksByIds(ids)) {
      if (!(network as { origin?: unknown }).origin)
        found.set(network._id.toString(), organizationJsonLd(network, baseUrl));
    }
    return found;
  },
};

export const FEED_KINDS: readonly FeedKind[] = [networksKind, locationsKind];
export const PUBLIC_FEED_KINDS = FEED_KINDS.map((kind) => kind.kind);
