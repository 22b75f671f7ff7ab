// Networks, memberships and invitations: what other domains (and the app) may use. Routes are mounted by app.ts.
export type { Network } from './network.model.js';
export type { Membership } from './membership.model.js';
export type { Invitation } from './invitation.model.js';
export type { NetworkLocations, NetworkLocationRef } from './network-locations.js';
export { findNetworkBySlug, lookUpNetwork, findNetworkById, networksByIds } from './network.service.js';
export { loadPrincipal } from './principal.service.js';
export { membershipsOfUser, invitationsOfUser, removeMembershipsOf } from './member-data.service.js';
export { ensureNetworks } from './network-import.service.js';
