// The map API for anonymous readers, answered by node:http ahead of Express: panning the map is most of the
// directory's traffic, and none of Express's machinery (routing, security headers set one by one, cookies, sessions,
// passport, page locals, body parsers) changes what an anonymous reader gets, while it took a good share of each such
// request's CPU (BENCHMARKS.md has the map API's figures).
import type { IncomingMessage, ServerResponse } from 'node:http';
import querystring from 'node:querystring';
import { isUiLanguage, LANGUAGE_COOKIE, languageCookie, negotiateLanguage } from '../shared/i18n/languages.ts';
import { operatorLadenKeys } from '../shared/http/validate.ts';
import { ANONYMOUS } from '../shared/principal.ts';
import { directoryQuerySchema } from './directory.schemas.ts';
import type { DirectoryEngine } from './engine/directory-engine.ts';
import { writeMapAnswer } from './map-answer-http.ts';

export const MAP_API = '/api/v1/locations';

/** Answers a request and returns true, or returns false having done nothing, for the app to answer it. */
export type FastPath = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The language cookie of a request whose cookies hold nothing else (undefined when it has none), or null when it
 * holds another cookie (perhaps a session) or a value cookie-parser would read differently (quoted, encoded).
 */
function onlyLanguageCookie(header: string | undefined): string | undefined | null {
  if (header === undefined) return undefined;
  let lang: string | undefined;
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals < 0) {
      if (pair.trim() === '') continue;
      return null;
    }
    if (pair.slice(0, equals).trim() !== LANGUAGE_COOKIE) return null;
    // As cookie-parser does, the first of two cookies of one name counts.
    lang ??= pair.slice(equals + 1).trim();
  }
  if (!lang) return undefined;
  return isUiLanguage(lang) ? lang : null;
}

/**
 * Answers an anonymous `GET /api/v1/locations` (no Authorization header, no cookie but the language, no body) from
 * the cache, or computes the answer when the query parses cleanly, with the headers, language and bytes the full stack
 * sends: `securityHeaders` are those the app's header middleware sets. Anything else is left to the app, which answers
 * it as before: a credential (a session cookie, any cookie but the language, a token), as the signed-in reader's
 * answers and language may differ and only the app knows who they are; a query that earns a translated 400; HEAD.
 */
export function mapApiFastPath(directory: DirectoryEngine, securityHeaders: readonly string[]): FastPath {
  return (req, res) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const queryStart = url.indexOf('?');
    if ((queryStart < 0 ? url : url.slice(0, queryStart)) !== MAP_API) return false;
    const { headers } = req;
    if (headers.authorization !== undefined) return false;
    if (headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined) return false;
    const cookie = onlyLanguageCookie(headers.cookie);
    if (cookie === null) return false;
    // Express parses query strings the same way (its "simple" parser).
    const raw = queryStart < 0 ? {} : querystring.parse(url.slice(queryStart + 1));
    const lang = negotiateLanguage({ query: raw.lang, cookie, acceptLanguage: headers['accept-language'] });
    // Only anonymous readers come this far: their class is the anonymous principal's.
    const viewer = directory.viewerClass(ANONYMOUS);
    let answer = directory.cachedMapAnswer(viewer, lang, url);
    if (!answer) {
      if (operatorLadenKeys(raw).length) return false;
      const parsed = directoryQuerySchema.safeParse(raw);
      if (!parsed.success) return false;
      answer = directory.mapAnswer(viewer, lang, url, raw, parsed.data);
    }
    const head = [...securityHeaders];
    // As languageMiddleware does: an explicit ?lang= is remembered.
    if (raw.lang === lang && cookie !== lang) head.push('Set-Cookie', languageCookie(lang));
    head.push('Vary', 'Accept-Language, Accept-Encoding');
    writeMapAnswer(req, res, answer, head);
    return true;
  };
}
