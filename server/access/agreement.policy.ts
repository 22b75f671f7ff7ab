// Who may see and act on agreements: active and suspended ones are public; the rest belong to the two networks' admins.
import type { Types } from 'mongoose';
import { adminNetworkIds, mayAdministerNetwork, type Principal } from '../shared/principal.ts';

export const PUBLIC_STATUSES = ['active', 'suspended'] as const;

/** The query filter of the agreements a principal may read. */
export function readableAgreements(p: Principal): Record<string, unknown> {
  if (p.instanceAdmin) return {};
  const admin = adminNetworkIds(p);
  const isPublic = { status: { $in: [...PUBLIC_STATUSES] } };
  return admin.length ? { $or: [isPublic, { networks: { $in: admin } }] } : isPublic;
}

/** Whether the principal speaks for `networkId` in an agreement: its admins (and instance admins). */
export const maySpeakFor = (p: Principal, networkId: Types.ObjectId | string): boolean =>
  p.kind === 'user' && mayAdministerNetwork(p, networkId);

/** The network of the two the principal speaks for, the one asked first when they administer both. */
export function sideOf(
  p: Principal,
  networks: Types.ObjectId[],
  prefer?: Types.ObjectId | null,
): Types.ObjectId | undefined {
  if (prefer && networks.some((n) => n.equals(prefer)) && maySpeakFor(p, prefer)) return prefer;
  return networks.find((n) => maySpeakFor(p, n));
}
