// Networks, memberships and invitations: what other domains (and the app) may use. Routes are mounted by app.ts.
export type { Network } from './network.model.ts';
export type { Membership } from './membership.model.ts';
export type { Invitation } from './invitation.model.ts';
export type { NetworkLocations, NetworkLocationRef } from './network-locations.ts';
export { findNetworkBySlug, lookUpNetwork, findNetworkById, networksByIds } from './network.service.ts';
export { loadPrincipal } from './principal.service.ts';
export { membershipsOfUser, invitationsOfUser, removeMembershipsOf } from './member-data.service.ts';
export { ensureNetworks } from './network-import.service.ts';
export { countryOptions, type CountryOption } from './network.countries.ts';
export { MEMBERSHIP_CATEGORIES, type MembershipCategory } from './membership.vocabulary.ts';
export { activeMembershipsOf, passSubjectOf, passHolder, type PassHolder } from './pass-subject.service.ts';
export { saveFollowedNetwork, deleteFollowedNetworks } from './federated-networks.ts';
export { NO_NETWORK_AGREEMENTS, type NetworkAgreements, type NetworkAgreementRef } from './network-agreements.ts';
