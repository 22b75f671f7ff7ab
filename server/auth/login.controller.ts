// Logging in and out: passport's local strategy, rate-limited per account and address, session renewed.
import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import { fieldError } from '../shared/errors/app-error.ts';
import { NO_ERRORS, submitForm } from '../shared/http/forms.ts';
import { consume, reset } from '../shared/http/rate-limit.ts';
import { parseInput } from '../shared/http/validate.ts';
import { loginSchema, safeNext } from './auth.schemas.ts';

const LOGIN_WINDOW_MS = 15 * 60 * 1000;

/**
 * Wrong passwords are counted per account from one client address, so that guesses from elsewhere never lock the
 * owner out; and per address across accounts, so that one client cannot try many accounts. The address is `req.ip`,
 * which believes X-Forwarded-For only from the proxies TRUST_PROXY names.
 */
const accountFromAddress = (email: string, address: string) => `login:account:${email}:from:${address}`;
const loginLimits = (email: string, address: string) => [
  { key: accountFromAddress(email, address), max: 10, windowMs: LOGIN_WINDOW_MS },
  { key: `login:address:${address}`, max: 50, windowMs: LOGIN_WINDOW_MS },
];

/** Signs a person in on this request; passport 0.7 regenerates the session, so an id known before is worthless after. */
export function logIn(req: Request, userId: string): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    req.login({ id: userId }, (error) => (error ? reject(error as Error) : resolve())),
  );
}

function renderLogin(res: Response, status: number, locals: Record<string, unknown>): void {
  res.status(status).render('auth/login', { values: {}, errors: NO_ERRORS, next: '/', ...locals });
}

export const loginController = {
  form: (req: Request, res: Response): void => {
    renderLogin(res, 200, { next: safeNext(req.query.next) });
  },

  submit: async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const body = (req.body ?? {}) as { email?: unknown; next?: unknown };
    const nextUrl = safeNext(body.next);
    await submitForm(
      req,
      async () => {
        const form = parseInput(loginSchema, body);
        const address = req.ip ?? 'unknown';
        await consume(loginLimits(form.email, address));
        const user = await new Promise<Express.User | false>((resolve, reject) => {
          const check = passport.authenticate('local', (error: unknown, found: Express.User | false) =>
            error
              ? reject(error instanceof Error ? error : new Error('login failed', { cause: error }))
              : resolve(found),
          ) as (req: Request, res: Response, next: NextFunction) => void;
          check(req, res, next);
        });
        // Said of the form, not of a field: which of the two was wrong is not told.
        if (!user) throw fieldError('_', 'auth:login.failed', 401);
        await logIn(req, user.id);
        await reset(accountFromAddress(form.email, address));
        res.redirect(303, nextUrl);
      },
      (status, errors) => renderLogin(res, status, { values: { email: body.email }, errors, next: nextUrl }),
    );
  },

  logout: async (req: Request, res: Response): Promise<void> => {
    await new Promise<void>((resolve, reject) => req.logout((error) => (error ? reject(error as Error) : resolve())));
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    // A page may send the person on (an invitation for another address: to the login form, then back to it).
    res.redirect(303, safeNext((req.body as { next?: unknown } | undefined)?.next));
  },
};
