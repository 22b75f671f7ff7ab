// Who is asking: every service takes a principal and never sees the request. Built by auth, read by policies.
import { forbidden, unauthorized } from './errors/app-error.ts';
export interface MembershipGrant {
  networkId: string;
  networkSlug: string;
  category: string;
  /** The last day (`YYYY-MM-DD`) the category holds, when a network admin gave it an end. */
  categoryUntil?: string;
  networkAdmin: boolean;
  /** Locations this member manages (location ids). */
  managedLocationIds: string[];
}

export interface Principal {
  kind: 'anonymous' | 'user' | 'system';
  userId?: string;
  name?: string;
  email?: string;
  preferredLanguage?: string;
  instanceAdmin: boolean;
  analyst: boolean;
  /** Active memberships only. */
  memberships: MembershipGrant[];
  /** How the person proved who they are; token requests carry no cookies, so they need no CSRF check. */
  via: 'none' | 'session' | 'token';
}

/** Builds the principal of an account (undefined when it is gone); how a request's credentials become a principal. */
export type PrincipalLoader = (userId: string, via: Principal['via']) => Promise<Principal | undefined>;

export const ANONYMOUS: Readonly<Principal> = Object.freeze<Principal>({
  kind: 'anonymous',
  instanceAdmin: false,
  analyst: false,
  memberships: [],
  via: 'none',
});

/**
 * A person acting on their own account before or without a session (signing up, resetting a password): enough to
 * record who did it; their roles play no part there, so none are loaded.
 */
export const accountHolder = (userId: string, via: Principal['via']): Principal => ({
  kind: 'user',
  userId,
  instanceAdmin: false,
  analyst: false,
  memberships: [],
  via,
});

/** Imports and federation sync: the only principal that bypasses policies. */
export const SYSTEM: Readonly<Principal> = Object.freeze<Principal>({
  kind: 'system',
  name: 'system',
  instanceAdmin: true,
  analyst: false,
  memberships: [],
  via: 'none',
});

export const adminNetworkIds = (p: Principal): string[] =>
  p.memberships.filter((m) => m.networkAdmin).map((m) => m.networkId);

/** The one rule for a network's own business (its members, invitations, log, locations): its admins and instance admins. */
export const mayAdministerNetwork = (p: Principal, networkId: { toString(): string }): boolean =>
  p.instanceAdmin || adminNetworkIds(p).includes(networkId.toString());

/** Whether there is any network this principal administers (instance admins administer all). */
export const administersAnyNetwork = (p: Principal): boolean =>
  p.kind !== 'anonymous' && (p.instanceAdmin || adminNetworkIds(p).length > 0);

export const managedLocationIds = (p: Principal): string[] => p.memberships.flatMap((m) => m.managedLocationIds);

/** Managers and admins may hold API tokens and see /manage. */
export const isManagerOrAdmin = (p: Principal): boolean =>
  p.instanceAdmin || p.memberships.some((m) => m.networkAdmin || m.managedLocationIds.length > 0);

/** Throws 401 for anonymous and 403 for anyone else, when a policy said no. */
export function assertAllowed(p: Principal, allowed: boolean): void {
  if (allowed) return;
  throw p.kind === 'anonymous' ? unauthorized() : forbidden();
}
