// The home page (map and list) and the map API: the same query, the same index, HTML or GeoJSON.
import type { Request, Response } from 'express';
import { parseInput } from '../shared/http/validate.js';
import { queryString, safeQuery } from '../shared/http/query.js';
import { pickText } from '../i18n/content-text.js';
import { FACILITIES, GOVERNANCES, LOCATION_TYPES, OPENNESS, SPACE_KINDS } from '../locations/index.js';
import type { DirectoryReadModel } from './index.js';
import { directoryQuerySchema, type DirectoryQuery } from './directory.schemas.js';
import { listPage } from './directory.service.js';
import { sendMapAnswer, type MapAnswerCache } from './map-answer-cache.js';

/** The parameters that make up the directory's state in a URL, in the order they are written. */
export const STATE_KEYS = [
  'q',
  'country',
  'type',
  'governance',
  'openness',
  'spaceKind',
  'facility',
  'network',
  'openAt',
  'bbox',
  'zoom',
  'page',
] as const;

/**
 * Without JavaScript the filter form sends "open" (any, now, at) and "at" (a date and time); they are folded into
 * the one `openAt` parameter that links and the API use.
 */
function withOpenAt(query: Record<string, unknown>): Record<string, unknown> {
  const { open, at, ...rest } = query;
  if (open === 'now') return { ...rest, openAt: 'now' };
  if (open === 'at') return { ...rest, openAt: at === '' ? undefined : at };
  return rest;
}

export function directoryController(directory: DirectoryReadModel, mapAnswers: MapAnswerCache) {
  const { index } = directory;

  function filterOptions(lang: string) {
    const regionNames = new Intl.DisplayNames([lang], { type: 'region' });
    return {
      countries: index
        .countries()
        .map((code) => ({ code, name: regionNames.of(code) ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name, lang)),
      networks: index
        .listedNetworks()
        .map((n) => ({ slug: n.slug, name: pickText(n.name, n.language, lang)?.text ?? n.slug })),
      types: LOCATION_TYPES,
      governances: GOVERNANCES,
      openness: OPENNESS,
      spaceKinds: SPACE_KINDS,
      facilities: FACILITIES,
    };
  }

  function pageUrl(raw: Record<string, unknown>, page: number): string {
    return `/${queryString(raw, STATE_KEYS, { page: page > 1 ? String(page) : undefined })}`;
  }

  return {
    home: (req: Request, res: Response): void => {
      const raw = withOpenAt(safeQuery(req));
      const query: DirectoryQuery = parseInput(directoryQuerySchema, raw);
      const list = listPage(index, query, req.lang);
      const locals = {
        query,
        raw,
        list,
        prevUrl: list.page > 1 ? pageUrl(raw, list.page - 1) : undefined,
        nextUrl: list.page < list.pageCount ? pageUrl(raw, list.page + 1) : undefined,
      };
      if (req.get('x-passerelle-fragment') === 'list') {
        res.render('partials/location-list', locals);
        return;
      }
      res.render('pages/home', { ...locals, options: filterOptions(req.lang) });
    },

    /** Signed-in readers and bad input come this way; anonymous readers are mostly answered by the fast path. */
    mapApi: (req: Request, res: Response): void => {
      // A cached answer was computed from this very URL, so it parsed.
      const cached = mapAnswers.find(req.lang, req.url);
      if (cached) return sendMapAnswer(req, res, cached);
      const raw = safeQuery(req);
      const query = parseInput(directoryQuerySchema, raw);
      sendMapAnswer(req, res, mapAnswers.compute(req.lang, req.url, raw, query));
    },
  };
}
