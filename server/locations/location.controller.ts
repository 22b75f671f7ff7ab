// One location: its page and its JSON twin, from the same view model.
import type { Request, Response } from 'express';
import { parseInput } from '../shared/http/validate.ts';
import { safeQuery } from '../shared/http/query.ts';
import { z } from 'zod';
import { blankToUndefined, slugField, uiLanguageField } from '../shared/http/schema-fields.ts';
import { findPublishedPlace } from './location.service.ts';
import type { PlacePrices } from './place-prices.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import type { ComingEvents } from './coming-events.ts';
import type { ListedPlaces } from './listed-places.ts';
import { backToSearchUrl } from './back-to-search.ts';
import type { PlaceSections } from './place-sections.ts';
import { jsonLdText, placeJsonLd } from './location-jsonld.ts';

const slugParams = z.object({ slug: slugField() });
const langQuery = z.object({
  lang: z.preprocess(blankToUndefined, uiLanguageField().optional()),
  from: z.preprocess(blankToUndefined, z.string().max(2000).optional()),
});

/** What other domains add to a place's page: its prices for the viewer, its coming events, and their own sections. */
export interface PlacePageParts {
  prices?: PlacePrices;
  sections?: PlaceSections[];
  coming?: ComingEvents;
  /** Where this instance answers, for the place's schema.org `Place` JSON-LD. */
  baseUrl?: string;
}

export function locationController(
  listed: ListedPlaces,
  { prices, sections = [], coming, baseUrl = '' }: PlacePageParts = {},
) {
  async function load(req: Request) {
    const { from } = parseInput(langQuery, safeQuery(req));
    const { slug } = parseInput(slugParams, req.params);
    return { ...(await findPublishedPlace(slug, req.readerLanguages, listed)), from };
  }

  return {
    page: async (req: Request, res: Response): Promise<void> => {
      const { view, location, from } = await load(req);
      const place = {
        id: view.id,
        slug: view.slug,
        networkId: view.network.id,
        lat: view.coordinates.lat,
        lng: view.coordinates.lng,
      };
      const [week, extra, comingEvents] = await Promise.all([
        prices ? prices.week(req.principal, location, { lang: req.lang, t: req.t }) : undefined,
        Promise.all(sections.map((section) => section(place, req.principal))).then((found) => found.flat()),
        coming ? coming.at(view.slug, req.principal, req.readerLanguages) : [],
      ]);
      res.render('pages/location', {
        location: view,
        week,
        sections: extra,
        comingEvents,
        eventsFeed: coming?.feedUrl(view.slug),
        jsonLd: jsonLdText(placeJsonLd(view, `${baseUrl}/locations/${encodeURIComponent(view.slug)}`)),
        backUrl: backToSearchUrl(from),
        display: formatters(req.lang),
      });
    },

    json: async (req: Request, res: Response): Promise<void> => {
      res.json((await load(req)).view);
    },
  };
}
