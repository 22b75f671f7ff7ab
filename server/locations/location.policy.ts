// Who may do what with locations. Reads return a query filter (rows one may not see are never loaded);
// writes are checked against the principal before anything is stored.
import type { QueryFilter, Types } from 'mongoose';
import { adminNetworkIds, managedLocationIds, mayAdministerNetwork, type Principal } from '../shared/principal.ts';
import type { Location } from './location.model.ts';

/** The locations a principal may edit, as a filter; undefined when there are none. */
export function editableLocationsFilter(p: Principal): QueryFilter<Location> | undefined {
  if (p.instanceAdmin) return {};
  const networks = adminNetworkIds(p);
  const managed = managedLocationIds(p);
  if (networks.length === 0 && managed.length === 0) return undefined;
  return { $or: [{ network: { $in: networks } }, { _id: { $in: managed } }] };
}

export function canEditLocation(
  p: Principal,
  location: { _id: Types.ObjectId | string; network: Types.ObjectId | string },
): boolean {
  return mayAdministerNetwork(p, location.network) || managedLocationIds(p).includes(location._id.toString());
}

/** Creating a location, or moving one into a network, is for that network's admins. */
export const canPlaceInNetwork = (p: Principal, networkId: Types.ObjectId | string): boolean =>
  mayAdministerNetwork(p, networkId);
