// Peers: added by an instance admin from their descriptor, approved, suspended or removed with their records.
import { assertMayManagePeers } from './peer.policy.ts';
import { auditedWrite } from '../audit/index.ts';
import { instanceKeys } from '../keys/index.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import { fieldError, notFound } from '../shared/errors/app-error.ts';
import type { Principal } from '../shared/principal.ts';
import type { OutboundClient } from './outbound-client.ts';
import { readPeerDescriptor } from './peer-descriptor.ts';
import { PeerModel, type Peer, type PeerStatus } from './peer.model.ts';
import type { PeerRegistry } from './peer-registry.ts';
import { OBJECT_ID } from '../shared/http/schema-fields.ts';

export interface PeerServices {
  client: OutboundClient;
  registry: PeerRegistry;
  /** Removes what was followed from a peer (its listings): called when the peer is removed. */
  removeRecordsOf(peerId: string): Promise<number>;
}

/** What an admin sees of a peer (its keys with their fingerprints, never anything private: a peer has nothing so). */
export type PeerView = Peer & { id: string };

const view = (peer: Peer): PeerView => ({ ...peer, id: peer._id.toString() });

export async function listPeers(principal: Principal): Promise<PeerView[]> {
  assertMayManagePeers(principal);
  // From the database, not the registry: an admin sees what another process just changed.
  const peers = await PeerModel.find({}).lean<Peer[]>().exec();
  return peers.map(view).sort((a, b) => a.name.localeCompare(b.name));
}

export async function getPeer(principal: Principal, services: PeerServices, id: string): Promise<PeerView> {
  assertMayManagePeers(principal);
  if (!OBJECT_ID.test(id)) throw notFound();
  const peer = await PeerModel.findById(id).lean<Peer>().exec();
  if (!peer) throw notFound();
  return view(peer);
}

/** Reads the descriptor and keys at `baseUrl` and stores the peer, pending approval. */
export async function addPeer(principal: Principal, services: PeerServices, baseUrl: string): Promise<PeerView> {
  assertMayManagePeers(principal);
  const { descriptor, keys } = await readPeerDescriptor(services.client, baseUrl);
  const ours = new Set((await instanceKeys.published()).map((key) => key.kid));
  if (keys.some((key) => ours.has(key.kid))) throw fieldError('url', 'federation:peers.errors.self');
  const fields = {
    baseUrl,
    name: descriptor.name,
    softwareName: descriptor.software.name,
    softwareVersion: descriptor.software.version,
    protocolVersion: descriptor.protocolVersion,
    feeds: descriptor.feeds,
    jwksUrl: descriptor.jwksUrl,
    languages: descriptor.languages,
    licence: descriptor.licence,
    keys,
    keysReadAt: new Date(),
    status: 'pending' as const,
  };
  try {
    const created = await PeerModel.create(fields);
    const peer = created.toObject() as unknown as Peer;
    await auditedWriteAfter(principal, peer, 'peer.add', undefined, { baseUrl, name: peer.name, status: 'pending' });
    return view(peer);
  } catch (error) {
    if (isDuplicateKey(error)) throw fieldError('url', 'federation:peers.errors.exists', 409);
    throw error;
  } finally {
    services.registry.invalidate();
  }
}

const auditedWriteAfter = (principal: Principal, peer: Peer, action: string, before: unknown, after: unknown) =>
  auditedWrite(principal, [{ action, entityType: 'peer', entityId: peer._id.toString(), before, after }], () =>
    Promise.resolve(),
  );

/** Approves or suspends a peer: only an approved peer is followed and may read what is not public. */
export async function setPeerStatus(
  principal: Principal,
  services: PeerServices,
  id: string,
  status: Exclude<PeerStatus, 'pending'>,
): Promise<PeerView> {
  const peer = await getPeer(principal, services, id);
  if (peer.status === status) return peer;
  await auditedWrite(
    principal,
    [
      {
        action: `peer.${status === 'approved' ? 'approve' : 'suspend'}`,
        entityType: 'peer',
        entityId: id,
        before: { status: peer.status },
        after: { status },
      },
    ],
    () => PeerModel.updateOne({ _id: peer._id }, { $set: { status, decidedAt: new Date() } }).exec(),
  );
  services.registry.invalidate();
  return { ...peer, status };
}

/** Removes a peer and every record followed from it. */
export async function removePeer(principal: Principal, services: PeerServices, id: string): Promise<PeerView> {
  const peer = await getPeer(principal, services, id);
  await auditedWrite(
    principal,
    [
      {
        action: 'peer.remove',
        entityType: 'peer',
        entityId: id,
        before: { baseUrl: peer.baseUrl, name: peer.name, status: peer.status },
      },
    ],
    async () => {
      // The peer first: its follower stops, and no pull can bring records back after they are removed.
      await PeerModel.deleteOne({ _id: peer._id }).exec();
      services.registry.invalidate();
      await services.removeRecordsOf(id);
    },
  );
  return peer;
}

/**
 * The peers named in FEDERATION_TRUSTED_PEERS are added and approved by the instance itself, once each answers (for
 * two instances on one machine, and for operators who keep their peers in configuration).
 */
export async function trustConfiguredPeer(
  principal: Principal,
  services: PeerServices,
  baseUrl: string,
): Promise<void> {
  const existing = await PeerModel.findOne({ baseUrl }).lean<Peer>();
  const peer = existing ? view(existing) : await addPeer(principal, services, baseUrl);
  if (peer.status === 'pending') await setPeerStatus(principal, services, peer.id, 'approved');
}
