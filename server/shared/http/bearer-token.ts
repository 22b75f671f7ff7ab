// Personal API tokens are credentials for the JSON API only: where a Bearer token is read, and where it may be used.
import type { Request } from 'express';
import { AppError } from '../errors/app-error.ts';

/** The JSON API. Case-insensitive because Express routes paths that way: `/API/v1/…` reaches the same handlers. */
export const isApiRequest = (req: Request): boolean => /^\/api\//i.test(req.path);

/** The token of an `Authorization: Bearer …` header ('' when it names none), or undefined for any other header. */
export function bearerToken(req: Request): string | undefined {
  // The scheme is case-insensitive (RFC 9110 §11.1): a "bearer …" header must not slip past the checks below.
  const match = /^bearer(?:\s+(.*))?$/i.exec(req.get('authorization') ?? '');
  return match ? (match[1] ?? '').trim() : undefined;
}

/**
 * A token sent anywhere but the API is refused, whatever the method: the HTML pages can change a password, grant
 * roles or show the mail outbox (reset links), and a leaked token must not reach them. 403, not 401: a 401 sends a
 * page reader to the login form and invites another credential, while no token will ever do here (RFC 6750's
 * insufficient_scope is a 403 too). The token is not even looked up, so valid and invalid ones get the same answer.
 */
export const tokenOutsideApi = (): AppError => new AppError(403, 'token_outside_api', 'tokenOutsideApi');

export const carriesTokenOutsideApi = (req: Request): boolean => bearerToken(req) !== undefined && !isApiRequest(req);
