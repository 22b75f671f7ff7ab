// The one error handler: a translated HTML page, or `{ error: { code, message, details } }` for the API.
import type { NextFunction, Request, Response } from 'express';
import i18next from 'i18next';
import { AppError, notFound } from '../errors/app-error.ts';
import type { Logger } from '../logging/logger.ts';
import { isApiRequest } from './bearer-token.ts';
import { messageKey } from './validate.ts';

export function wantsJson(req: Request): boolean {
  return isApiRequest(req) || req.accepts(['html', 'json']) === 'json';
}

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction): void {
  next(notFound());
}

/** Errors thrown by body parsers and other middleware carry a status; anything else is a 500 that shows nothing. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as { status?: unknown })?.status;
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
 * what the request itself says; without it, such errors are answered in English.
 */
export function errorHandler(logger: Logger, languageFor?: (req: Request) => string) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const appError = toAppError(error);
    if (appError.status >= 500) logger.error({ err: error, url: req.originalUrl }, 'request failed');
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
    res.status(appError.status);
    if (appError.status === 401 && isApiRequest(req)) res.set('WWW-Authenticate', bearerChallenge(appError));
    if (wantsJson(req)) {
      res.json({ error: { code: appError.code, message, details } });
      return;
    }
    // Should the page itself fail (an error before the page locals were set), the reader still gets the message.
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
