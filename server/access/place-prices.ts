// The place page's week of prices: each offered day-part of the coming seven days, the price for the viewer and why,
// and for everyone, which networks' members get in on what terms. Answers the locations domain's PlacePrices port.
import type { TFunction } from 'i18next';
import { localDateAt, type PlacePrices } from '../locations/index.ts';
import { networksByIds } from '../networks/index.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import type { Principal } from '../shared/principal.ts';
import type { MonthlyUse } from './monthly-use.ts';
import { grantsAtPlace, pricesFor, type DayPartPrice, type PlaceForPrices } from './price.service.ts';
import { grantSummary, priceWords, type NetworkNames } from './price-view.ts';

export const WEEK_DAYS = 7;

/** Network names by id in the reader's language. */
export async function networkNames(ids: string[], lang: string): Promise<NetworkNames> {
  const networks = await networksByIds([...new Set(ids)]);
  return new Map(networks.map((n) => [n._id.toString(), pickText(n.name, n.language, lang)?.text ?? n.slug]));
}

const idsIn = (prices: DayPartPrice[]) =>
  prices.flatMap(({ answer }) =>
    answer.via?.kind === 'agreement'
      ? [answer.via.guestNetworkId, answer.via.hostNetworkId]
      : answer.via?.kind === 'membership'
        ? [answer.via.networkId]
        : [],
  );

export function placePrices(use: MonthlyUse): PlacePrices {
  return {
    async week(p: Principal, place: PlaceForPrices, reader: { lang: string; t: TFunction }) {
      const { lang, t } = reader;
      const today = localDateAt(new Date(), place.timeZone);
      const prices = (place.dayParts ?? []).length
        ? await pricesFor(p, place, use, { from: today, days: WEEK_DAYS })
        : [];
      const grants = await grantsAtPlace(place, today);
      const hostId = place.network.toString();
      const names = await networkNames([hostId, ...idsIn(prices), ...grants.map((g) => g.guestNetworkId)], lang);
      const display = formatters(lang);
      // Only what the place offers: a day-part it does not offer that day is left out, not listed as "not offered".
      const offered = prices.filter((price) => price.answer.reason !== 'not-offered');
      const days = [...new Set(offered.map((price) => price.date))].map((date) => ({
        date,
        label: display.day(date),
        parts: offered
          .filter((price) => price.date === date)
          .map((price) => ({
            part: price.part,
            hours: price.from && price.to ? `${price.from}–${price.to}` : '',
            ...priceWords(price.answer, { t, display, lang, names, hostId }),
          })),
      }));
      return {
        days,
        signedIn: p.kind === 'user',
        example: Boolean(place.examplePrices),
        grants: grants.map((g) => ({ network: names.get(g.guestNetworkId) ?? '', summary: grantSummary(g, t) })),
      };
    },
  };
}
