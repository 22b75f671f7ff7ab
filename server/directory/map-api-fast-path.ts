// The map API for anonymous readers, mounted before sessions, passport, page locals and body parsers: panning the
// map is most of the directory's traffic, and none of that machinery changes what an anonymous reader gets.
import type { NextFunction, Request, Response } from 'express';
import { languageMiddleware, requestLanguage } from '../i18n/i18n.js';
import { LANGUAGE_COOKIE } from '../i18n/languages.js';
import { operatorLadenKeys } from '../shared/http/validate.js';
import { directoryQuerySchema } from './directory.schemas.js';
import { sendMapAnswer, type MapAnswerCache } from './map-answer-cache.js';

/**
 * A request the full stack would answer as it answers anyone: no credentials (no Authorization header, no cookie but
 * the language), so no profile language, session or flash notice is involved; and no body for the parsers to refuse.
 */
function isAnonymousRead(req: Request): boolean {
  const { headers } = req;
  if (headers.authorization !== undefined) return false;
  if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
  const cookies = req.cookies as Record<string, unknown> | undefined;
  for (const name in cookies) if (name !== LANGUAGE_COOKIE) return false;
  return true;
}

/**
 * Answers from the cache, or computes an answer when the query parses cleanly. Anything else falls through to the
 * full stack, which answers exactly as before: a credential, a profile language, a translated 400.
 */
export function mapApiFastPath(answers: MapAnswerCache) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isAnonymousRead(req)) return next();
    const raw = req.query as Record<string, unknown>;
    // The same choice languageMiddleware makes (no one is signed in here).
    const lang = requestLanguage(req);
    const cached = answers.find(lang, req.url);
    if (cached) {
      languageMiddleware(req, res, () => sendMapAnswer(req, res, cached));
      return;
    }
    if (operatorLadenKeys(raw).length) return next();
    const parsed = directoryQuerySchema.safeParse(raw);
    if (!parsed.success) return next();
    // The language is set before computing, so that an unexpected failure is reported like any other.
    languageMiddleware(req, res, () => sendMapAnswer(req, res, answers.compute(lang, req.url, raw, parsed.data)));
  };
}
