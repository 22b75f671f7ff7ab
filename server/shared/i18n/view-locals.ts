// What every page template gets: the language, t(), language links, hreflang alternates, map settings, fieldAria().
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../config/index.ts';
import { fieldAria } from '../http/forms.ts';
import { ANONYMOUS, isManagerOrAdmin } from '../principal.ts';
import { requestLanguage, translator } from './i18n.ts';
import { UI_LANGUAGES } from './languages.ts';

/** The language names as each language writes its own. */
export const LANGUAGE_NAMES: Record<(typeof UI_LANGUAGES)[number], string> = {
  en: 'English',
  nl: 'Nederlands',
  fr: 'Français',
  de: 'Deutsch',
};

/** The current URL with `lang` set (or removed, for the hreflang x-default). */
export function urlWithLanguage(originalUrl: string, lang: string | undefined): string {
  const url = new URL(originalUrl, 'http://local');
  if (lang) url.searchParams.set('lang', lang);
  else url.searchParams.delete('lang');
  return url.pathname + url.search;
}

export function viewLocals(config: Config) {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.locals.lang = req.lang;
    res.locals.t = req.t;
    res.locals.languages = UI_LANGUAGES.map((code) => ({
      code,
      name: LANGUAGE_NAMES[code],
      url: urlWithLanguage(req.originalUrl, code),
    }));
    res.locals.alternates = [
      ...UI_LANGUAGES.map((code) => ({
        hreflang: code,
        href: config.baseUrl + urlWithLanguage(req.originalUrl, code),
      })),
      { hreflang: 'x-default', href: config.baseUrl + urlWithLanguage(req.originalUrl, undefined) },
    ];
    res.locals.map = {
      tileUrl: config.TILE_URL,
      // An operator's own attribution is shown as written; the default one is translated.
      tileAttribution: config.TILE_ATTRIBUTION ?? req.t('common:map.tileAttribution'),
    };
    res.locals.principal = req.principal;
    res.locals.canManage = isManagerOrAdmin(req.principal);
    res.locals.currentPath = req.originalUrl;
    res.locals.fieldAria = fieldAria;
    next();
  };
}

/**
 * The locals of an error page whose request failed before `viewLocals` ran (its session could not be loaded while
 * the database was away, say): the language the request asks for, and the header of someone not signed in.
 */
export function errorPageLocals(config: Config) {
  const locals = viewLocals(config);
  return (req: Request, res: Response): void => {
    if (res.locals.lang !== undefined) return;
    if (!(req.lang as string | undefined)) {
      req.lang = requestLanguage(req);
      req.t = translator(req.lang);
    }
    // The page's header holds a signed-in person's forms, whose CSRF token comes later in the chain.
    req.principal = ANONYMOUS;
    locals(req, res, () => undefined);
  };
}
