// Accounts and sign-in: what other domains (and the app) may use. Routes are mounted by app.ts; models stay inside.
export type { User } from './user.model.js';
export { authenticate, configurePassport, normaliseEmail } from './authenticate.js';
export { DatabaseSessionStore, destroySessionsOf, drainSessionWrites } from './session-store.js';
export { sessionMiddleware } from './session.js';
export { hashPassword, verifyPassword } from './password.js';
export { peopleByIds, actorsByIds, findLiveUser, type PersonRef, type ActorRef } from './user.service.js';
export {
  searchUsers,
  setRoles,
  grantInstanceAdmin,
  assertInstanceAdmin,
  USERS_PAGE_SIZE,
  type UserRow,
} from './user-roles.service.js';
export {
  canHoldApiTokens,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  revokeAllApiTokensOf,
  type ApiTokenSummary,
  type CreatedApiToken,
} from './api-token.service.js';
export {
  passwordMatches,
  isLastInstanceAdmin,
  liveSessionCount,
  anonymiseAccount,
  deletePasswordResetsOf,
} from './account-data.service.js';
