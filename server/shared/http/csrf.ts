// CSRF protection for every form (a per-session secret token, masked afresh in each page, sent back in `_csrf` or X-CSRF-Token on each write),
// and the refusal of API tokens outside the API, which needs the same place in the chain.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { csrfRejected } from '../errors/app-error.ts';
import { carriesTokenOutsideApi, isApiRequest, tokenOutsideApi } from './bearer-token.ts';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's token, created the first time a form needs one (so plain reading creates no session). */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

/**
 * The token as a page carries it: XORed with a fresh random pad that precedes it. Pages are compressed, and a secret
 * that is the same in every page next to text an attacker can inject (a search) could be guessed from the compressed
 * sizes (BREACH); a token that differs in every page cannot.
 */
function maskedToken(req: Request): string {
  const secret = Buffer.from(csrfToken(req), 'base64url');
  const pad = randomBytes(secret.length);
  return Buffer.concat([pad, xor(pad, secret)]).toString('base64url');
}

function xor(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ b[i]!));
}

function matches(sent: unknown, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || !expected) return false;
  const secret = Buffer.from(expected, 'base64url');
  const masked = Buffer.from(sent, 'base64url');
  if (masked.length !== 2 * secret.length) return false;
  return timingSafeEqual(xor(masked.subarray(0, secret.length), masked.subarray(secret.length)), secret);
}

/**
 * Gives pages the session's token, masked. Mounted before the body parsers, so that the page of an error they raise
 * (a body too large, malformed JSON) can still render the forms every page of a signed-in person carries (logging out).
 */
export function csrfTokenLocal(req: Request, res: Response, next: NextFunction): void {
  res.locals.csrfToken = () => maskedToken(req);
  next();
}

/**
 * A multipart form (a file upload) is read by its route, after this check: its token comes in the form's action,
 * `?_csrf=`. Only there: any other body without a token is refused, whatever its route reads.
 */
function multipartToken(req: Request): unknown {
  return req.is('multipart/form-data') ? (req.query as Record<string, unknown>)._csrf : undefined;
}

export function csrfProtection(req: Request, _res: Response, next: NextFunction): void {
  // A token outside the API is refused here because this is the first check that runs after the page locals, so the
  // refusal is a translated page; should it move, `authenticate` still lets no such request act as anyone.
  if (carriesTokenOutsideApi(req)) return next(tokenOutsideApi());
  // Bearer-token requests (only ever on the API) carry no cookie, so a forged cross-site request cannot ride on
  // them; an anonymous API call carries no credentials at all, and its route answers 401 itself.
  const anonymousApiCall = req.principal?.kind === 'anonymous' && isApiRequest(req);
  if (SAFE_METHODS.has(req.method) || req.principal?.via === 'token' || anonymousApiCall) return next();
  const sent =
    (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token') ?? multipartToken(req);
  if (!matches(sent, req.session?.csrfToken)) return next(csrfRejected());
  next();
}
