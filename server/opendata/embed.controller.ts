// /embed: the directory's map and list for a partner's website, with the page's filters. It sets no cookie (no
// session, no language cookie: the language comes from ?lang or the browser) and may be framed by any site.
import type { Request, Response } from 'express';
import type { Config } from '../config/index.ts';
import { directoryQuerySchema, withOpenAt, type DirectoryEngine } from '../directory/index.ts';
import { translator } from '../shared/i18n/i18n.ts';
import { negotiateLanguage } from '../shared/i18n/languages.ts';
import { queryString, safeQuery } from '../shared/http/query.ts';
import { parseInput } from '../shared/http/validate.ts';
import { ANONYMOUS } from '../shared/principal.ts';

export const EMBED_PATH = '/embed';
const FILTER_KEYS = ['q', 'country', 'type', 'governance', 'openness', 'spaceKind', 'facility', 'network', 'openAt'];

/** The app's CSP with `frame-ancestors *`: only this page may be framed, by any site. */
export function framedAnywhere(res: Response): void {
  const policy = String(res.getHeader('Content-Security-Policy') ?? '');
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith('frame-ancestors'));
  res.setHeader('Content-Security-Policy', [...directives, 'frame-ancestors *'].join(';'));
  res.removeHeader('X-Frame-Options');
}

export function embedController(directory: DirectoryEngine, config: Config) {
  return {
    page: (req: Request, res: Response): void => {
      const lang = negotiateLanguage({ query: req.query.lang, acceptLanguage: req.get('accept-language') });
      const t = translator(lang);
      // The error handler answers in this language, and without the session it has not read.
      req.lang = lang;
      req.t = t;
      const raw = withOpenAt(safeQuery(req));
      const query = parseInput(directoryQuerySchema, raw);
      const list = directory.listPage(query, directory.viewerClass(ANONYMOUS), lang);
      const filters = queryString(raw, FILTER_KEYS);
      framedAnywhere(res);
      res.setHeader('Cache-Control', 'public, max-age=60');
      res.render('opendata/embed', {
        lang,
        t,
        list,
        filters: filters.slice(1),
        // Links lead to the full site, in the frame's parent (target="_blank"): the visitor leaves the partner's page.
        siteUrl: `${config.baseUrl}/${filters}${filters ? '&' : '?'}lang=${lang}`,
        placeUrl: (slug: string) => `${config.baseUrl}/locations/${encodeURIComponent(slug)}?lang=${lang}`,
        map: {
          tileUrl: config.TILE_URL,
          tileAttribution: config.TILE_ATTRIBUTION ?? t('common:map.tileAttribution'),
        },
      });
    },
  };
}
