// Who may hold passes and who may check visitors in at a place.
import { canEditLocation } from '../locations/index.ts';
import type { Principal } from '../shared/principal.ts';

/** A pass is for a signed-in person; one per active membership (none without one). */
export const canHoldPasses = (p: Principal): boolean => p.kind === 'user' && Boolean(p.userId);

/** Checking visitors in at a place: its managers, its network's admins and instance admins. */
export const canCheckInAt = (p: Principal, location: { id: string; networkId: string }): boolean =>
  p.kind === 'user' && canEditLocation(p, { _id: location.id, network: location.networkId });
