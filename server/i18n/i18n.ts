// i18next set up once from locales/<lang>/<namespace>.json, and the middleware that gives each request its language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import i18next, { type Resource, type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGE_COOKIE, UI_LANGUAGES, negotiateLanguage, type UiLanguage } from './languages.js';

export const LOCALES_DIR = path.resolve(import.meta.dirname, '../../locales');

function loadResources(): Resource {
  const resources: Resource = {};
  for (const lang of UI_LANGUAGES) {
    const dir = path.join(LOCALES_DIR, lang);
    resources[lang] = {};
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      resources[lang][path.basename(file, '.json')] = JSON.parse(
        readFileSync(path.join(dir, file), 'utf8'),
      ) as Resource[string][string];
    }
  }
  return resources;
}

let ready: Promise<unknown> | undefined;

export function initI18n(): Promise<unknown> {
  ready ??= i18next.init({
    resources: loadResources(),
    supportedLngs: [...UI_LANGUAGES],
    fallbackLng: DEFAULT_LANGUAGE,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return ready;
}

export function translator(lang: UiLanguage): TFunction {
  return i18next.getFixedT(lang);
}

declare module 'express-serve-static-core' {
  interface Request {
    lang: UiLanguage;
    t: TFunction;
  }
}

/** The request's language: ?lang=, then the cookie, then the signed-in person's choice, then Accept-Language. */
export function requestLanguage(req: Request): UiLanguage {
  return negotiateLanguage({
    query: req.query.lang,
    cookie: (req.cookies as Record<string, unknown> | undefined)?.[LANGUAGE_COOKIE],
    preferred: req.principal?.preferredLanguage,
    acceptLanguage: req.get('accept-language'),
  });
}

/** Chooses the request's language; an explicit ?lang= is remembered in a cookie. */
export function languageMiddleware(req: Request, res: Response, next: NextFunction): void {
  const query = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  const lang = requestLanguage(req);
  if (query === lang && req.cookies?.[LANGUAGE_COOKIE] !== lang) {
    res.cookie(LANGUAGE_COOKIE, lang, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax', httpOnly: false });
  }
  req.lang = lang;
  req.t = translator(lang);
  res.vary('Accept-Language');
  next();
}
