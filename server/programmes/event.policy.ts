// Who may do what with events. Managing follows the place (its managers and its network's admins) or, for a
// network-wide event, the network's admins; attending follows the audience.
import type { QueryFilter, Types } from 'mongoose';
import { canEditLocation } from '../locations/index.ts';
import { adminNetworkIds, managedLocationIds, mayAdministerNetwork, type Principal } from '../shared/principal.ts';
import type { EventRecord } from './event.model.ts';

type Id = Types.ObjectId | string;

export interface EventOwner {
  network: Id;
  location?: Id | null;
}

export function canManageEvent(p: Principal, event: EventOwner): boolean {
  if (event.location) return canEditLocation(p, { _id: event.location, network: event.network });
  return mayAdministerNetwork(p, event.network);
}

/** The events a principal may manage, as a filter; undefined when there are none. */
export function manageableEventsFilter(p: Principal): QueryFilter<EventRecord> | undefined {
  if (p.instanceAdmin) return {};
  const networks = adminNetworkIds(p);
  const managed = managedLocationIds(p);
  if (networks.length === 0 && managed.length === 0) return undefined;
  return { $or: [{ network: { $in: networks } }, { location: { $in: managed } }] };
}

export interface AudienceOf extends EventOwner {
  audience: { kind: string; networks: { toString(): string }[] };
}

/** Whether the audience admits this principal: open to all, or a member of one of its networks. */
export function admitsPrincipal(p: Principal, event: AudienceOf): boolean {
  if (event.audience.kind === 'open') return true;
  const mine = new Set(p.memberships.map((m) => m.networkId));
  return event.audience.networks.some((n) => mine.has(n.toString()));
}

/** Who may see an event in lists, feeds and JSON: its audience, and those who run it. */
export const maySeeEvent = (p: Principal, event: AudienceOf): boolean =>
  admitsPrincipal(p, event) || canManageEvent(p, event);
