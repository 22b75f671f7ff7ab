// Agreements for tests, stored as the workflow leaves them (a proposal awaiting the other network, or accepted).
import { Types } from 'mongoose';
import { AgreementModel, type StoredDirection } from '../../server/access/agreement.model.ts';

export const grantFields = (over: Record<string, unknown> = {}) => ({
  categories: ['member'],
  level: 'free',
  monthlyQuota: 4,
  validFrom: '2026-01-01',
  ...over,
});

/** A direction as stored: `host` grants `guest`'s members free access, 4 day-parts a month, at all its places. */
export function direction(host: Types.ObjectId, guest: Types.ObjectId, over: Partial<StoredDirection> = {}) {
  return {
    host,
    guest,
    categories: ['member' as const],
    level: 'free' as const,
    monthlyQuota: 4,
    bookingRequired: false,
    hostApproves: false,
    allLocations: true,
    locations: [],
    validFrom: '2026-01-01',
    ...over,
  };
}

/**
 * An agreement proposed by `from` to `to` (both directions granted), in `status`: proposed (awaiting `to`), active or
 * suspended (version 1 accepted), declined or ended.
 */
export async function insertAgreement(
  from: Types.ObjectId,
  to: Types.ObjectId,
  by: Types.ObjectId,
  status: 'proposed' | 'active' | 'suspended' | 'declined' | 'ended' = 'proposed',
  directions = [direction(from, to), direction(to, from)],
): Promise<Types.ObjectId> {
  const at = new Date();
  const id = new Types.ObjectId();
  const accepted = status === 'active' || status === 'suspended';
  await AgreementModel.create({
    _id: id,
    networks: [from, to],
    status,
    ...(status === 'proposed' ? { awaiting: to } : {}),
    ...(accepted ? { acceptedVersion: 1 } : {}),
    versions: [{ number: 1, proposedBy: from, by, at, directions }],
    history: [
      { action: 'propose', network: from, by, at, version: 1 },
      ...(accepted ? [{ action: 'accept', network: to, by, at, version: 1 }] : []),
    ],
  });
  return id;
}
