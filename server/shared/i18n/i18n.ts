// i18next set up once from locales/<lang>/<namespace>.json, and the middleware that gives each request its language.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import i18next, { type Resource, type TFunction } from 'i18next';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_COOKIE,
  UI_LANGUAGES,
  languageCookie,
  negotiateLanguage,
  readerLanguages,
  type UiLanguage,
} from './languages.ts';

export const LOCALES_DIR = path.resolve(import.meta.dirname, '../../../locales');

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

/**
 * `{{message, pickLanguage}}`: a text a library gives in some languages (`{ en, fr, de }`), in the reader's language
 * where it has it, else in English; the translation around it says so where it cannot be the reader's.
 */
function pickLanguage(value: unknown, lng: string | undefined): string {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '';
  const texts = value as Record<string, string | undefined>;
  return (lng && texts[lng]) || (texts[DEFAULT_LANGUAGE] ?? '');
}

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
  i18next.services.formatter?.add('pickLanguage', pickLanguage);
  return ready;
}

/**
 * Texts looked up by key alone, per language. A page calls t() a hundred times, and i18next resolves each call afresh
 * (namespaces, fallbacks, nesting, interpolation): most of a page's rendering CPU went there. The resources are read once at start,
 * so a key's text without options never changes; calls with options (counts, values) go to i18next every time. Keys
 * come from the code and the vocabularies; the bound only guards against a key made from input.
 */
const MAX_REMEMBERED_KEYS = 4096;
const translators = new Map<UiLanguage, TFunction>();

function rememberingTranslator(lang: UiLanguage): TFunction {
  const fixed = i18next.getFixedT(lang);
  const call = fixed as unknown as (...args: unknown[]) => unknown;
  const texts = new Map<string, string>();
  const remembering = (...args: unknown[]): unknown => {
    const [key] = args;
    if (args.length !== 1 || typeof key !== 'string') return call(...args);
    let text = texts.get(key);
    if (text === undefined) {
      text = String(call(key));
      if (texts.size < MAX_REMEMBERED_KEYS) texts.set(key, text);
    }
    return text;
  };
  return Object.assign(remembering, fixed);
}

export function translator(lang: UiLanguage): TFunction {
  let t = translators.get(lang);
  if (!t) {
    t = rememberingTranslator(lang);
    translators.set(lang, t);
  }
  return t;
}

declare module 'express-serve-static-core' {
  interface Request {
    lang: UiLanguage;
    /** The interface language, then the other languages the request accepts: the fallback order of content. */
    readerLanguages: string[];
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
  if (query === lang && req.cookies?.[LANGUAGE_COOKIE] !== lang) res.append('Set-Cookie', languageCookie(lang));
  req.lang = lang;
  req.readerLanguages = readerLanguages(lang, req.get('accept-language'));
  req.t = translator(lang);
  res.vary('Accept-Language');
  next();
}
