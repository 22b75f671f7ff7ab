// One instance's federation parts, built once by the composition root: the outbound client, the peers in memory,
// and the services the routes and the follower share.
import type { Config } from '../config/index.ts';
import { isPublicAddress } from './address-guard.ts';
import { OutboundClient, privateAddressesAllowed } from './outbound-client.ts';
import { PeerRegistry } from './peer-registry.ts';
import type { PeerServices } from './peer.service.ts';

export interface Federation extends PeerServices {
  config: Config;
}

export function createFederation(
  config: Config,
  removeRecordsOf: (peerId: string) => Promise<number> = () => Promise.resolve(0),
): Federation {
  const client = new OutboundClient({
    allowAddress: config.FEDERATION_ALLOW_PRIVATE_ADDRESSES ? privateAddressesAllowed : isPublicAddress,
  });
  return { config, client, registry: new PeerRegistry(), removeRecordsOf };
}
