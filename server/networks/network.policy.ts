// Who may do what with networks, memberships and invitations.
import type { Types } from 'mongoose';
import { adminNetworkIds, type Principal } from '../shared/principal.ts';

export const canCreateNetwork = (p: Principal): boolean => p.instanceAdmin;

export const canAdministerNetwork = (p: Principal, networkId: Types.ObjectId | string): boolean =>
  p.instanceAdmin || adminNetworkIds(p).includes(networkId.toString());

/** Anyone signed in may ask to join a network. */
export const canAskToJoin = (p: Principal): boolean => p.kind === 'user';
