// Accounts and sign-in: what other domains may use.
export { UserModel, type User } from './user.model.js';
export { authenticate, configurePassport, normaliseEmail } from './authenticate.js';
export { loadPrincipal } from './principal.service.js';
export { DatabaseSessionStore, destroySessionsOf } from './session-store.js';
export { sessionMiddleware } from './session.js';
export { hashPassword, verifyPassword } from './password.js';
export { authRoutes } from './auth.routes.js';
export { meRoutes } from './me.routes.js';
