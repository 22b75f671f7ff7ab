// Networks: what other domains may use.
export { NetworkModel, type Network } from './network.model.js';
export { MembershipModel, MEMBERSHIP_CATEGORIES, type Membership } from './membership.model.js';
export { InvitationModel, type Invitation } from './invitation.model.js';
export { canAdministerNetwork, canCreateNetwork, canAskToJoin } from './network.policy.js';
export { networkRoutes } from './network.routes.js';
export { networkMembershipsFilter, networkInvitationsFilter, canEditNetwork } from './membership.policy.js';
