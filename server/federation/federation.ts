// One instance's federation parts, built once by the composition root: the outbound client, the peers in memory,
// the feeds' order and its writer, and the services the routes share. `start` begins numbering (and following).
import type { Config } from '../config/index.ts';
import type { Logger } from '../shared/logging/logger.ts';
import { isPublicAddress } from './address-guard.ts';
import { FeedIndex } from './feed-index.ts';
import { FEED_KINDS, type FeedKind } from './feed-kinds.ts';
import { FeedWriter } from './feed-writer.ts';
import { OutboundClient, privateAddressesAllowed } from './outbound-client.ts';
import { PeerRegistry } from './peer-registry.ts';
import type { PeerServices } from './peer.service.ts';

export interface Federation extends PeerServices {
  config: Config;
  logger: Logger;
  feedIndex: FeedIndex;
  feedKinds: readonly FeedKind[];
  writer: FeedWriter;
  /** Loads the feeds' order, backfills new feeds, then numbers changes every poll. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface FederationOptions {
  /** How often the change feed is followed for numbering (the directory's poll by default). */
  pollMs?: number;
  /** Removes what was followed from a peer: answered by the follower. */
  removeRecordsOf?: (peerId: string) => Promise<number>;
}

export function createFederation(config: Config, logger: Logger, options: FederationOptions = {}): Federation {
  const client = new OutboundClient({
    allowAddress: config.FEDERATION_ALLOW_PRIVATE_ADDRESSES ? privateAddressesAllowed : isPublicAddress,
  });
  const feedIndex = new FeedIndex();
  const writer = new FeedWriter({
    index: feedIndex,
    kinds: FEED_KINDS,
    logger,
    pollMs: options.pollMs ?? config.DIRECTORY_POLL_MS,
  });
  return {
    config,
    logger,
    client,
    registry: new PeerRegistry(),
    feedIndex,
    feedKinds: FEED_KINDS,
    writer,
    removeRecordsOf: options.removeRecordsOf ?? (() => Promise.resolve(0)),
    start: () => writer.start(),
    stop: () => writer.stop(),
  };
}
