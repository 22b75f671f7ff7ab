// What networks may know of their locations (see networks' NetworkLocations), answered from the locations collection.
import type { NetworkLocationRef, NetworkLocations } from '../networks/index.ts';
import { LocationModel } from './location.model.ts';

type Ref = { toString(): string };

const ref = (l: {
  _id: Ref;
  slug: string;
  language: string;
  name?: unknown;
  status: string;
  address?: { locality?: string | null; countryCode?: string | null } | null;
  coordinates?: { lat?: number | null; lng?: number | null } | null;
}): NetworkLocationRef => ({
  id: l._id.toString(),
  slug: l.slug,
  language: l.language,
  name: l.name ?? {},
  status: l.status,
  ...(l.address?.locality ? { locality: l.address.locality } : {}),
  ...(l.address?.countryCode ? { countryCode: l.address.countryCode } : {}),
  ...(typeof l.coordinates?.lat === 'number' ? { lat: l.coordinates.lat } : {}),
  ...(typeof l.coordinates?.lng === 'number' ? { lng: l.coordinates.lng } : {}),
});

export const networkLocations: NetworkLocations = {
  async of(networkId) {
    return (await LocationModel.find({ network: networkId }).select('slug language name status').lean()).map(ref);
  },

  async publishedOf(networkId) {
    const found = await LocationModel.find({ network: networkId, status: 'published' })
      .select('slug language name status address.locality address.countryCode coordinates.lat coordinates.lng')
      .lean();
    return found.map(ref);
  },

  async publishedCounts() {
    const counts = await LocationModel.aggregate<{ _id: Ref; count: number }>([
      { $match: { status: 'published' } },
      { $group: { _id: '$network', count: { $sum: 1 } } },
    ]);
    return new Map(counts.map((c) => [c._id.toString(), c.count]));
  },

  async inNetwork(networkId, locationIds) {
    if (locationIds.length === 0) return [];
    const found = await LocationModel.find({ _id: { $in: locationIds }, network: networkId })
      .select('_id')
      .lean();
    return found.map((l) => l._id.toString());
  },
};
