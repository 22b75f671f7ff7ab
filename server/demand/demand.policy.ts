// Who may count demand: analysts and instance admins everywhere, a network's admins at their network's places. A point
// where no place exists yet belongs to no network: any network admin may count those (a network looking for where to
// open). Nobody is ever shown who said it.
import type { Principal } from '../shared/principal.ts';

export function mayCountDemand(p: Principal, networkId: string | undefined): boolean {
  if (p.instanceAdmin || p.analyst) return true;
  return p.memberships.some((m) => m.networkAdmin && (networkId === undefined || m.networkId === networkId));
}

export const mayCountAnyDemand = (p: Principal): boolean =>
  p.instanceAdmin || p.analyst || p.memberships.some((m) => m.networkAdmin);
