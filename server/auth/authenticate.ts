// Sets req.principal on every request: from a Bearer token on the API, else from the session, else anonymous.
import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { invalidToken } from '../shared/errors/app-error.ts';
import { bearerToken, isApiRequest } from '../shared/http/bearer-token.ts';
import { ANONYMOUS, type Principal, type PrincipalLoader } from '../shared/principal.ts';
import { tokenHolder } from './api-token.service.ts';
import { verifyPassword } from './password.ts';
import { UserModel } from './user.model.ts';

declare module 'express-serve-static-core' {
  interface Request {
    principal: Principal;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface User {
      id: string;
    }
  }
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The local strategy: e-mail and password. Failures say nothing about which of the two was wrong. */
export function configurePassport(): typeof passport {
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      UserModel.findOne({ email: normaliseEmail(email), deletedAt: null })
        .lean()
        .then(async (user) => {
          const valid = await verifyPassword(password, user?.passwordHash);
          done(null, valid && user ? { id: user._id.toString() } : false);
        })
        .catch(done);
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: string, done) => done(null, { id }));
  return passport;
}

async function principalFromToken(token: string, loadPrincipal: PrincipalLoader): Promise<Principal> {
  const userId = await tokenHolder(token);
  const principal = userId === undefined ? undefined : await loadPrincipal(userId, 'token');
  if (!principal) throw invalidToken();
  return principal;
}

/**
 * `loadPrincipal` turns an account into a principal with its memberships: networks knows those, and builds on auth,
 * so the app hands it in.
 */
export function authenticate(loadPrincipal: PrincipalLoader) {
  // Express 5 hands a rejected promise to the error handler.
  return (req: Request, _res: Response, next: NextFunction): Promise<void> =>
    principalOf(req, loadPrincipal).then(() => next());
}

async function principalOf(req: Request, loadPrincipal: PrincipalLoader): Promise<void> {
  const token = bearerToken(req);
  if (token !== undefined && isApiRequest(req)) {
    req.principal = await principalFromToken(token, loadPrincipal);
  } else if (token !== undefined) {
    // A token outside the API is no credential, and the session of a browser that also sent one is not used either:
    // such a request acts as no one. The CSRF check refuses it once the page locals can translate the refusal.
    req.principal = ANONYMOUS;
  } else if (req.user?.id) {
    const principal = await loadPrincipal(req.user.id, 'session');
    if (!principal) {
      // The account was deleted meanwhile: end this session.
      await new Promise<void>((resolve) => req.logout(() => resolve()));
    }
    req.principal = principal ?? ANONYMOUS;
  } else {
    req.principal = ANONYMOUS;
  }
}
