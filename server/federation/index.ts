// Federation: peers, feeds and following. Routes are mounted by app.ts; models stay inside.
export { createFederation, type Federation } from './federation.ts';
export { OutboundClient, OutboundError, type OutboundLimits, type OutboundResponse } from './outbound-client.ts';
export type { Peer, PeerStatus } from './peer.model.ts';
