// The home page (map and list) and the map API: the same query, the same index, HTML or GeoJSON.
import type { Request, Response } from 'express';
import { parseInput } from '../shared/http/validate.js';
import { queryString, safeQuery } from '../shared/http/query.js';
import { pickText } from '../i18n/content-text.js';
import { FACILITIES, GOVERNANCES, LOCATION_TYPES, OPENNESS, SPACE_KINDS } from '../locations/index.js';
import type { DirectoryReadModel } from './index.js';
import { directoryQuerySchema, type DirectoryQuery } from './directory.schemas.js';
import { listPage, mapFeatures } from './directory.service.js';

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

const MAP_RESPONSE_CACHE_SIZE = 512;

export function directoryController(directory: DirectoryReadModel) {
  const { index } = directory;
  /**
   * Map answers by URL, for the index version they were computed on: panning back, or many visitors looking at the
   * same region, cost a lookup instead of clustering and serialising again.
   */
  const mapResponses = new Map<string, string>();
  let cachedVersion = -1;

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

    mapApi: (req: Request, res: Response): void => {
      const query = parseInput(directoryQuerySchema, safeQuery(req));
      if (cachedVersion !== index.version) {
        mapResponses.clear();
        cachedVersion = index.version;
      }
      // "Open now" changes with the clock; opening hours have a resolution of one minute.
      const minute = query.openAt?.kind === 'instant' ? Math.floor(query.openAt.instant.getTime() / 60_000) : '';
      const key = `${req.lang}|${minute}|${req.url}`;
      let body = mapResponses.get(key);
      if (body === undefined) {
        body = JSON.stringify(mapFeatures(index, query, req.lang));
        mapResponses.set(key, body);
        if (mapResponses.size > MAP_RESPONSE_CACHE_SIZE) mapResponses.delete(mapResponses.keys().next().value!);
      }
      res.type('application/json').send(body);
    },
  };
}
