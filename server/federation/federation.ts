// One instance's federation parts, built once by the composition root: the outbound client, the peers in memory,
// the feeds' order and its writer, and the services the routes share. `start` begins numbering (and following).
import type { Config } from '../config/index.ts';
import type { Logger } from '../shared/logging/logger.ts';
import { isPublicAddress } from './address-guard.ts';
import { FeedIndex } from './feed-index.ts';
import { FEED_KINDS, type FeedKind } from './feed-kinds.ts';
import { FeedWriter } from './feed-writer.ts';
import { OutboundClient, privateAddressesAllowed } from './outbound-client.ts';
import { PeerFollower } from './peer-follower.ts';
import { PeerRegistry } from './peer-registry.ts';
import { removeRecordsOf } from './remote-records.ts';
import { trustConfiguredPeer, type PeerServices } from './peer.service.ts';
import { SYSTEM } from '../shared/principal.ts';

export interface Federation extends PeerServices {
  config: Config;
  logger: Logger;
  feedIndex: FeedIndex;
  feedKinds: readonly FeedKind[];
  writer: FeedWriter;
  follower: PeerFollower;
  /** Loads the feeds' order, backfills new feeds, then numbers changes every poll. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface FederationOptions {
  /** How often the change feed is followed for numbering (the directory's poll by default). */
  pollMs?: number;
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
  const follower = new PeerFollower({
    client,
    logger,
    pollMs: config.FEDERATION_POLL_MS,
    staleAfterMs: config.FEDERATION_STALE_AFTER_HOURS * 3600 * 1000,
  });
  const federation: Federation = {
    config,
    logger,
    client,
    registry: new PeerRegistry(),
    feedIndex,
    feedKinds: FEED_KINDS,
    writer,
    follower,
    removeRecordsOf,
    start: async () => {
      await writer.start();
      follower.start();
      trustConfiguredPeers(federation);
    },
    stop: async () => {
      await follower.stop();
      await writer.stop();
    },
  };
  return federation;
}

const TRUST_RETRY_MS = 2000;

/** Adds and approves the configured peers in the background, retrying each until it answers. */
function trustConfiguredPeers(federation: Federation): void {
  for (const url of federation.config.FEDERATION_TRUSTED_PEERS) {
    const attempt = (): void => {
      trustConfiguredPeer(SYSTEM, federation, url).then(
        () => federation.logger.info({ peer: url }, 'configured peer trusted'),
        (error: unknown) => {
          federation.logger.debug({ err: error, peer: url }, 'configured peer not reachable yet');
          setTimeout(attempt, TRUST_RETRY_MS).unref();
        },
      );
    };
    attempt();
  }
}
