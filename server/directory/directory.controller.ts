// The home page (map and list) and the map API: the same query, the same index, HTML or GeoJSON.
import type { Request, Response } from 'express';
import { parseInput } from '../shared/http/validate.ts';
import { queryString, safeQuery } from '../shared/http/query.ts';
import type { TFunction } from 'i18next';
import { pickText } from '../shared/i18n/content-text.ts';
import { translator } from '../shared/i18n/i18n.ts';
import type { UiLanguage } from '../shared/i18n/languages.ts';
import {
  DAY_PARTS,
  FACILITIES,
  GOVERNANCES,
  LOCATION_TYPES,
  OPENNESS,
  SPACE_KINDS,
  placeUrlFrom,
} from '../locations/index.ts';
import type { DirectoryEngine } from './engine/directory-engine.ts';
import { directoryQuerySchema, EXPORT_PATHS, WEEKDAYS, withOpenAt, type DirectoryQuery } from './directory.schemas.ts';
import { sendMapAnswer } from './map-answer-http.ts';

/** The parameters that choose which places are found, in the order they are written. */
const FILTER_KEYS = ['q', 'country', 'type', 'governance', 'openness', 'spaceKind', 'facility', 'network', 'openAt'];

/** The parameters that make up the directory's state in a URL, in the order they are written. */
export const STATE_KEYS = [...FILTER_KEYS, 'bbox', 'zoom', 'page'] as const;

/** What an export of the list keeps of the state: the search and the view, not the page. */
const EXPORT_KEYS = [...FILTER_KEYS, 'bbox', 'lang'];

/**
 * The list alone, for the page's script to swap in. It has a URL of its own: on the page's URL, told apart by a
 * header, the browser's cache handed the fragment back as the page on Back.
 */
export const LIST_FRAGMENT = '/fragments/directory-list';

const labelled = (t: TFunction, values: readonly string[], prefix: string) =>
  values.map((value) => ({ value, label: t(`location:${prefix}.${value}`) }));

function vocabularyLabels(lang: UiLanguage) {
  const t = translator(lang);
  return {
    types: labelled(t, LOCATION_TYPES, 'type'),
    governances: labelled(t, GOVERNANCES, 'governance'),
    openness: labelled(t, OPENNESS, 'openness'),
    spaceKinds: labelled(t, SPACE_KINDS, 'spaceKind'),
    facilities: labelled(t, FACILITIES, 'facility'),
    ...openAtLabels(lang, t),
  };
}

/** The weekdays (Monday first) and day-parts of the "open on a day-part" control, in the reader's language. */
function openAtLabels(lang: UiLanguage, t: TFunction) {
  const weekday = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
  // 2026-01-04 was a Sunday: WEEKDAYS counts from Sunday, as Date.getDay does.
  const label = (day: number) => weekday.format(Date.UTC(2026, 0, 4 + day));
  const mondayFirst = [1, 2, 3, 4, 5, 6, 0];
  return {
    weekdays: mondayFirst.map((day) => ({ value: WEEKDAYS[day]!, label: label(day) })),
    dayParts: Object.keys(DAY_PARTS).map((part) => ({ value: part, label: t(`directory:filters.dayParts.${part}`) })),
  };
}

export function directoryController(directory: DirectoryEngine) {
  /** The filter form's fixed choices with their labels, translated once per language rather than on every page view. */
  const vocabularyByLanguage = new Map<UiLanguage, ReturnType<typeof vocabularyLabels>>();

  function vocabularyOptions(lang: UiLanguage) {
    let options = vocabularyByLanguage.get(lang);
    if (!options) {
      options = vocabularyLabels(lang);
      vocabularyByLanguage.set(lang, options);
    }
    return options;
  }

  /**
   * Country names by language, sorted, for the index version they were computed on (Intl.DisplayNames and a collated
   * sort on every page view cost more than the rest of the form). Network names are read afresh: a network can be
   * renamed without any location changing.
   */
  const countriesByLanguage = new Map<UiLanguage, { code: string; name: string }[]>();
  let countriesVersion = -1;

  function countryOptions(lang: UiLanguage) {
    if (countriesVersion !== directory.version) {
      countriesByLanguage.clear();
      countriesVersion = directory.version;
    }
    let countries = countriesByLanguage.get(lang);
    if (!countries) {
      const regionNames = new Intl.DisplayNames([lang], { type: 'region' });
      countries = directory
        .countries()
        .map((code) => ({ code, name: regionNames.of(code) ?? code }))
        .sort((a, b) => a.name.localeCompare(b.name, lang));
      countriesByLanguage.set(lang, countries);
    }
    return countries;
  }

  function filterOptions(lang: UiLanguage) {
    return {
      countries: countryOptions(lang),
      networks: directory
        .listedNetworks()
        .map((n) => ({ slug: n.slug, name: pickText(n.name, n.language, lang)?.text ?? n.slug })),
      ...vocabularyOptions(lang),
    };
  }

  function pageUrl(raw: Record<string, unknown>, page: number): string {
    return `/${queryString(raw, STATE_KEYS, { page: page > 1 ? String(page) : undefined })}`;
  }

  /** What the list shows for a request, and the links it offers: other pages, and the search without the view. */
  function listedByOf(networks: { slug: string; listedBy?: string }[]) {
    const peers = new Map(networks.flatMap((n) => (n.listedBy ? [[n.slug, n.listedBy] as const] : [])));
    return (networkSlug: string): string | undefined => peers.get(networkSlug);
  }

  function listLocals(req: Request) {
    const raw = withOpenAt(safeQuery(req));
    const query: DirectoryQuery = parseInput(directoryQuerySchema, raw);
    const list = directory.listPage(query, directory.viewerClass(req.principal), req.lang);
    return {
      query,
      raw,
      list,
      prevUrl: list.page > 1 ? pageUrl(raw, list.page - 1) : undefined,
      nextUrl: list.page < list.pageCount ? pageUrl(raw, list.page + 1) : undefined,
      everywhereUrl: `/${queryString(raw, FILTER_KEYS)}`,
      // The list as it stands (search and view), as files.
      exportUrls: {
        csv: `${EXPORT_PATHS.csv}${queryString(raw, EXPORT_KEYS)}`,
        geojson: `${EXPORT_PATHS.geojson}${queryString(raw, EXPORT_KEYS)}`,
      },
      // Each place's link names this search, so its page leads back to it.
      placeUrl: (slug: string) => placeUrlFrom(slug, pageUrl(raw, list.page)),
      // The peer a place was followed from, by its network (few networks, read from memory).
      listedBy: listedByOf(directory.listedNetworks()),
    };
  }

  return {
    home: (req: Request, res: Response): void => {
      res.render('pages/home', { ...listLocals(req), options: filterOptions(req.lang), listFragment: LIST_FRAGMENT });
    },

    listFragment: (req: Request, res: Response): void => {
      res.render('partials/location-list', listLocals(req));
    },

    /**
     * Signed-in readers (whose answers may one day differ: see viewer-class.ts) and bad input come this way;
     * anonymous readers are mostly answered by the fast path.
     */
    mapApi: (req: Request, res: Response): void => {
      const viewer = directory.viewerClass(req.principal);
      // A cached answer was computed from this very URL, so it parsed.
      const cached = directory.cachedMapAnswer(viewer, req.lang, req.url);
      if (cached) return sendMapAnswer(req, res, cached);
      const raw = safeQuery(req);
      const query = parseInput(directoryQuerySchema, raw);
      sendMapAnswer(req, res, directory.mapAnswer(viewer, req.lang, req.url, raw, query));
    },
  };
}
