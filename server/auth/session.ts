// The session cookie: HTTP-only, SameSite=Lax, Secure behind TLS, stored in the database.
import session from 'express-session';
import type { Config } from '../config/index.ts';
import { DatabaseSessionStore } from './session-store.ts';

export const SESSION_COOKIE = 'passerelle.sid';

export function sessionMiddleware(config: Config, store: DatabaseSessionStore) {
  const secure = config.baseUrl.startsWith('https:');
  return session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store,
    resave: false,
    // No session (and no cookie) until something is stored in it: reading the directory stays cookie-free.
    saveUninitialized: false,
    proxy: secure,
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: 14 * 24 * 3600 * 1000 },
  });
}
