// What the place page shows of prices for its viewer. The access domain answers it (it builds on locations, so
// locations may not import it); app.ts hands its answer to the location routes.
import type { TFunction } from 'i18next';
import type { Principal } from '../shared/principal.ts';
import type { Location } from './location.model.ts';

export interface PlacePrices {
  /** The coming days' day-parts with the price for this viewer and why, as locals for `views/access/_week.ejs`. */
  week(p: Principal, place: Location, reader: { lang: string; t: TFunction }): Promise<Record<string, unknown>>;
}
