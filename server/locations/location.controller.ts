// One location: its page and its JSON twin, from the same view model.
import type { Request, Response } from 'express';
import { parseInput } from '../shared/http/validate.ts';
import { safeQuery } from '../shared/http/query.ts';
import { z } from 'zod';
import { blankToUndefined, slugField, uiLanguageField } from '../shared/http/schema-fields.ts';
import { findPublishedLocation } from './location.service.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import type { ListedPlaces } from './listed-places.ts';
import { backToSearchUrl } from './back-to-search.ts';
import { jsonLdText, placeJsonLd } from './location-jsonld.ts';

const slugParams = z.object({ slug: slugField() });
const langQuery = z.object({
  lang: z.preprocess(blankToUndefined, uiLanguageField().optional()),
  from: z.preprocess(blankToUndefined, z.string().max(2000).optional()),
});

export function locationController(listed: ListedPlaces, baseUrl: string) {
  async function load(req: Request) {
    const { from } = parseInput(langQuery, safeQuery(req));
    const { slug } = parseInput(slugParams, req.params);
    return { location: await findPublishedLocation(slug, req.readerLanguages, listed), from };
  }

  return {
    page: async (req: Request, res: Response): Promise<void> => {
      const { location, from } = await load(req);
      const jsonLd = jsonLdText(placeJsonLd(location, `${baseUrl}/locations/${encodeURIComponent(location.slug)}`));
      res.render('pages/location', {
        location,
        backUrl: backToSearchUrl(from),
        display: formatters(req.lang),
        jsonLd,
      });
    },

    json: async (req: Request, res: Response): Promise<void> => {
      res.json((await load(req)).location);
    },
  };
}
