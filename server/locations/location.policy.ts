// Who may do what with locations. Reads return a query filter (rows one may not see are never loaded);
// writes are checked against the principal before anything is stored.
import type { QueryFilter, Types } from 'mongoose';
import { adminNetworkIds, managedLocationIds, mayAdministerNetwork, type Principal } from '../shared/principal.ts';
import type { Location } from './location.model.ts';

/** The locations a principal may edit, as a filter; undefined when there are none. */
export function editableLocationsFilter(p: Principal): QueryFilter<Location> | undefined {
  // Listings followed from a peer are the peer's: nobody here edits them.
  const own = { origin: { $exists: false } } as QueryFilter<Location>;
  if (p.instanceAdmin) return own;
  const networks = adminNetworkIds(p);
  const managed = managedLocationIds(p);
  if (networks.length === 0 && managed.length === 0) return undefined;
  return { ...own, $or: [{ network: { $in: networks } }, { _id: { $in: managed } }] };
}

export function canEditLocation(
  p: Principal,
  location: { _id: Types.ObjectId | string; network: Types.ObjectId | string; origin?: unknown },
): boolean {
  // Only the origin may change or delete a listing followed from a peer (its follower writes it here).
  if (location.origin) return false;
  return mayAdministerNetwork(p, location.network) || managedLocationIds(p).includes(location._id.toString());
}

/** Creating a location, or moving one into a network, is for that network's admins. */
export const canPlaceInNetwork = (p: Principal, networkId: Types.ObjectId | string): boolean =>
  mayAdministerNetwork(p, networkId);
