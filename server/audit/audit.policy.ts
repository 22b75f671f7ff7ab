// Who may read which audit entries, as a filter merged into the query: entries a reader may not see are never loaded.
import type { QueryFilter, Types } from 'mongoose';
import { adminNetworkIds, mayAdministerNetwork, type Principal } from '../shared/principal.ts';
import type { AuditEntry } from './audit.model.ts';

/** Instance admins read everything, network admins their networks' entries, anyone else nothing (undefined). */
export function auditReadFilter(p: Principal): QueryFilter<AuditEntry> | undefined {
  if (p.kind === 'anonymous') return undefined;
  if (p.instanceAdmin) return {};
  const networks = adminNetworkIds(p);
  return networks.length ? { network: { $in: networks } } : undefined;
}

/** One network's entries, for its admins and instance admins; undefined for anyone else. */
export function networkAuditFilter(
  p: Principal,
  networkId: Types.ObjectId | string,
): QueryFilter<AuditEntry> | undefined {
  if (p.kind === 'anonymous' || !mayAdministerNetwork(p, networkId)) return undefined;
  return { network: networkId.toString() };
}
