// The one error handler: a translated HTML page, or `{ error: { code, message, details } }` for the API.
import type { NextFunction, Request, Response } from 'express';
import i18next from 'i18next';
import { isDatabaseUnavailable } from '../db/unavailable.ts';
import { AppError, notFound, payloadTooLarge, RETRY_AFTER_SECONDS, serviceUnavailable } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { isApiRequest } from './bearer-token.ts';
import { messageKey } from './validate.ts';

export function wantsJson(req: Request): boolean {
  return isApiRequest(req) || req.accepts(['html', 'json']) === 'json';
}

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction): void {
  next(notFound());
}

/**
 * Errors thrown by body parsers and other middleware carry a status; the database's "cannot be reached" is a 503,
 * wherever it was raised (a service, the session store); anything else is a 500 that shows nothing.
 */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return serviceUnavailable(error);
  const status = (error as { status?: unknown })?.status;
  if (status === 413) return payloadTooLarge(error);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', 'badRequest', { cause: error });
  }
  return new AppError(500, 'internal', 'internal', { cause: error });
}

/** RFC 6750: a 401 of the API names the scheme that would get through, and why a token sent was refused. */
function bearerChallenge(appError: AppError): string {
  return appError.code === 'invalid_token'
    ? 'Bearer realm="Passerelle API", error="invalid_token"'
    : 'Bearer realm="Passerelle API"';
}

/**
 * `languageFor` chooses the language of an error raised before the request's own was set (a bad token, say), from
 * what the request itself says; without it, such errors are answered in English. `pageLocals` gives the error page
 * what the page locals would have, when the error came before they were set (a session the database could not load).
 */
export function errorHandler(
  logger: Logger,
  languageFor?: (req: Request) => string,
  pageLocals?: (req: Request, res: Response) => void,
) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = toAppError(error);
    // An outage makes every request fail alike: one line each, without the stack, is enough to see it.
    if (appError.status === 503) logger.warn({ url: req.originalUrl, reason: String(error) }, 'database unavailable');
    else if (appError.status >= 500) logger.error({ err: error, url: req.originalUrl }, 'request failed');
    const t = req.t ?? i18next.getFixedT(languageFor?.(req) ?? 'en');
    const message = t(messageKey(appError.key), appError.params);
    const details = appError.details.map((d) => ({
      field: d.field,
      message: t(messageKey(d.key), { field: d.field, ...d.params }),
    }));
    if (res.headersSent) return;
    if (appError.status === 401 && !wantsJson(req) && req.method === 'GET') {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (appError.status === 429) res.set('Retry-After', String(Number(appError.params.count ?? 1) * 60));
    if (appError.status === 503)
      res.set('Retry-After', String(Number(appError.params.retryAfterSeconds ?? RETRY_AFTER_SECONDS)));
    res.status(appError.status);
    if (appError.status === 401 && isApiRequest(req)) res.set('WWW-Authenticate', bearerChallenge(appError));
    if (wantsJson(req)) {
      res.json({ error: { code: appError.code, message, details } });
      return;
    }
    pageLocals?.(req, res);
    // Should the page itself fail all the same, the reader still gets the message.
    res.render('pages/error', { status: appError.status, message, details }, (renderError, html) => {
      if (renderError) {
        logger.error({ err: renderError }, 'error page failed to render');
        res.type('text/plain').send(message);
      } else {
        res.send(html);
      }
    });
  };
}
