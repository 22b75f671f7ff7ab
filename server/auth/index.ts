// Accounts and sign-in: what other domains (and the app) may use. Routes are mounted by app.ts; models stay inside.
export type { User } from './user.model.ts';
export { authenticate, configurePassport, normaliseEmail } from './authenticate.ts';
export { DatabaseSessionStore, destroySessionsOf, drainSessionWrites } from './session-store.ts';
export { sessionMiddleware } from './session.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { peopleByIds, actorsByIds, findLiveUser, type PersonRef, type ActorRef } from './user.service.ts';
export {
  searchUsers,
  setRoles,
  grantInstanceAdmin,
  assertInstanceAdmin,
  USERS_PAGE_SIZE,
  type UserRow,
} from './user-roles.service.ts';
export {
  canHoldApiTokens,
  createApiToken,
  listApiTokens,
  revokeApiToken,
  revokeAllApiTokensOf,
  type ApiTokenSummary,
  type CreatedApiToken,
} from './api-token.service.ts';
export {
  passwordMatches,
  isLastInstanceAdmin,
  liveSessionCount,
  anonymiseAccount,
  deletePasswordResetsOf,
} from './account-data.service.ts';
