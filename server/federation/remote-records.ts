// Turning a peer's validated items into local records: networks and locations with an origin, under ids derived
// from the peer and the remote id, so one peer's items can never name another's (or a local) record.
import { createHash } from 'node:crypto';
import {
  deleteFollowedLocations,
  locationsFollowedFrom,
  markFollowedLocationsStale,
  saveFollowedLocation,
} from '../locations/index.ts';
import { deleteFollowedNetworks, saveFollowedNetwork } from '../networks/index.ts';
import { knownFacilities, organizationSchema, placeSchema } from './follow.schemas.ts';
import { isUnder } from './peer.schemas.ts';
import type { Peer } from './peer.model.ts';

/** A local ObjectId (24 hex digits) for a peer's record. */
export const localId = (peerId: string, kind: string, remoteId: string): string =>
  createHash('sha256').update(`${peerId}:${kind}:${remoteId}`).digest('hex').slice(0, 24);

const suffix = (id: string) => id.slice(0, 6);

export type ItemOutcome = 'stored' | 'deleted' | 'invalid' | 'foreign-origin';

/** Applies one item of a peer's networks feed. */
export async function applyNetworkItem(
  peer: Peer,
  item: { state: 'updated' | 'deleted'; id: string; data?: unknown },
): Promise<ItemOutcome> {
  const peerId = peer._id.toString();
  const id = localId(peerId, 'networks', item.id);
  if (item.state === 'deleted') {
    await deleteFollowedNetworks({ ids: [id] });
    return 'deleted';
  }
  const parsed = organizationSchema.safeParse(item.data);
  if (!parsed.success || parsed.data.identifier !== item.id) return 'invalid';
  const org = parsed.data;
  if (!isUnder(peer.baseUrl, org['@id'])) return 'foreign-origin';
  await saveFollowedNetwork(id, {
    slug: `${org['passerelle:slug'].slice(0, 80)}-${suffix(id)}`,
    language: org.inLanguage,
    name: org.name,
    description: org.description ?? {},
    countryCode: org.address?.addressCountry,
    origin: { peer: peer._id, remoteId: item.id, url: org['@id'], peerName: peer.name },
  });
  return 'stored';
}

/** Applies one item of a peer's locations feed. */
export async function applyLocationItem(
  peer: Peer,
  item: { state: 'updated' | 'deleted'; id: string; data?: unknown },
): Promise<ItemOutcome> {
  const peerId = peer._id.toString();
  const id = localId(peerId, 'locations', item.id);
  if (item.state === 'deleted') {
    await deleteFollowedLocations([id]);
    return 'deleted';
  }
  const parsed = placeSchema.safeParse(item.data);
  if (!parsed.success || parsed.data.identifier !== item.id) return 'invalid';
  const place = parsed.data;
  // Only the origin may speak for its records: an item whose address lies elsewhere is refused.
  if (!isUnder(peer.baseUrl, place['@id'])) return 'foreign-origin';
  const remoteSlug = (/\/locations\/([a-z0-9-]{1,80})$/.exec(place['@id'])?.[1] ?? 'place').slice(0, 80);
  await saveFollowedLocation(id, {
    slug: `${remoteSlug}-${suffix(id)}`,
    language: place.inLanguage,
    name: place.name,
    description: place.description ?? {},
    type: place.additionalType,
    model: place['passerelle:model'],
    address: {
      street: place.address.streetAddress,
      postcode: place.address.postalCode,
      locality: place.address.addressLocality,
      region: place.address.addressRegion,
      countryCode: place.address.addressCountry,
    },
    coordinates: {
      lat: place.geo.latitude,
      lng: place.geo.longitude,
      approximate: place.geo['passerelle:approximate'] ?? false,
    },
    openingHours: place.openingHours,
    timeZone: place['passerelle:timeZone'],
    facilities: knownFacilities(place.amenityFeature),
    status: 'published',
    network: localId(peerId, 'networks', place.publisher.identifier),
    origin: { peer: peer._id, remoteId: item.id, url: place['@id'] },
    source: { name: peer.name, url: place['@id'], recordId: item.id, licence: peer.licence },
  });
  return 'stored';
}

/** Everything followed from a peer goes (the peer was removed). */
export async function removeRecordsOf(peerId: string): Promise<number> {
  const ids = (await locationsFollowedFrom(peerId)).map((location) => location._id.toString());
  const removed = await deleteFollowedLocations(ids);
  return removed + (await deleteFollowedNetworks({ peer: peerId }));
}

/** Marks (or clears) a peer's listings as not confirmed since `since`. */
export async function markStale(peerId: string, since: Date | undefined): Promise<void> {
  const followed = await locationsFollowedFrom(peerId);
  const ids = followed
    .filter((location) => Boolean(location.origin?.staleSince) !== Boolean(since))
    .map((location) => location._id.toString());
  await markFollowedLocationsStale(ids, since);
}
