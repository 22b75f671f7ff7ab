// `GET /api/v1/locations/:slug/prices`: the price of each offered day-part for the current principal, day by day.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { pricedPlaceBySlug, type ListedPlaces } from '../locations/index.ts';
import { safeQuery } from '../shared/http/query.ts';
import { blankToUndefined, calendarDateField, slugField } from '../shared/http/schema-fields.ts';
import { parseInput } from '../shared/http/validate.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import type { MonthlyUse } from './monthly-use.ts';
import { networkNames } from './place-prices.ts';
import { MAX_DAYS, pricesFor } from './price.service.ts';
import { priceWords } from './price-view.ts';

const pricesQuery = z.object({
  from: z.preprocess(blankToUndefined, calendarDateField('access:validation.from').optional()),
  days: z.preprocess(
    (v) => (v === undefined || v === '' ? 7 : typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : v),
    z
      .number({ error: 'access:validation.days' })
      .int({ error: 'access:validation.days' })
      .min(1, { error: 'access:validation.days' })
      .max(MAX_DAYS, { error: 'access:validation.days' }),
  ),
  lang: z.string().optional(),
});

const slugParams = z.object({ slug: slugField() });

export function pricesController(listed: ListedPlaces, use: MonthlyUse) {
  return {
    json: async (req: Request, res: Response): Promise<void> => {
      const { slug } = parseInput(slugParams, req.params);
      const query = parseInput(pricesQuery, safeQuery(req));
      const place = await pricedPlaceBySlug(slug, listed);
      const prices = await pricesFor(req.principal, place, use, {
        ...(query.from ? { from: query.from } : {}),
        days: query.days,
      });
      const hostId = place.network.toString();
      const ids = prices.flatMap(({ answer: a }) =>
        a.via?.kind === 'agreement' ? [a.via.guestNetworkId] : a.via?.kind === 'membership' ? [a.via.networkId] : [],
      );
      const names = await networkNames([hostId, ...ids], req.lang);
      const display = formatters(req.lang);
      res.json({
        location: slug,
        timeZone: place.timeZone,
        prices: prices.map(({ date, part, from, to, answer: a }) => ({
          date,
          dayPart: part,
          ...(from ? { from, to } : {}),
          offered: a.reason !== 'not-offered',
          ...a,
          message: priceWords(a, { t: req.t, display, lang: req.lang, names, hostId }).text,
        })),
      });
    },
  };
}
