// What prices and agreements need to know of locations: their network, capacity, day-parts and tariffs.
import type { Types } from 'mongoose';
import { notFound } from '../shared/errors/app-error.ts';
import type { ListedPlaces } from './listed-places.ts';
import { LocationModel, type Location } from './location.model.ts';

export interface LocationCapacity {
  id: string;
  networkId: string;
  desks?: number;
}

/** The network and desks of each location among `ids` that exists. */
export async function capacitiesByIds(ids: string[]): Promise<LocationCapacity[]> {
  if (ids.length === 0) return [];
  const found = await LocationModel.find({ _id: { $in: ids } })
    .select('network capacity')
    .lean<{ _id: Types.ObjectId; network: Types.ObjectId; capacity?: { desks?: number | null } | null }[]>();
  return found.map((l) => ({
    id: l._id.toString(),
    networkId: l.network.toString(),
    ...(l.capacity?.desks != null ? { desks: l.capacity.desks } : {}),
  }));
}

/** The most desks any location of the network states: what a cap on guests over all its places may not exceed. */
export async function largestCapacityOf(networkId: string): Promise<number | undefined> {
  const found = await LocationModel.find({ network: networkId, 'capacity.desks': { $gte: 0 } })
    .select('capacity')
    .lean<{ capacity?: { desks?: number | null } | null }[]>();
  const desks = found.map((l) => l.capacity?.desks).filter((d): d is number => typeof d === 'number');
  return desks.length ? Math.max(...desks) : undefined;
}

export type PricedPlace = Pick<
  Location,
  | '_id'
  | 'slug'
  | 'network'
  | 'timeZone'
  | 'tariffs'
  | 'dayParts'
  | 'openingHours'
  | 'address'
  | 'capacity'
  | 'name'
  | 'language'
>;

/** A published place by slug, with what its prices need; listed places are read by id (see ListedPlaces). */
export async function pricedPlaceBySlug(slug: string, listed: ListedPlaces): Promise<PricedPlace> {
  const id = await listed.idOf(slug);
  if (id === undefined) throw notFound('locationNotFound');
  const found =
    id === null
      ? await LocationModel.findOne({ slug, status: 'published' }).lean<Location>()
      : await LocationModel.findById(id).lean<Location>();
  if (!found || found.status !== 'published' || found.slug !== slug) throw notFound('locationNotFound');
  return found;
}
