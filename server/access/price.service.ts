// Gathers what the price engine needs (memberships, the place, agreements hosted by its network, use so far) and
// asks it for each offered day-part of a run of days.
import type { Types } from 'mongoose';
import {
  addDays,
  DAY_PART_NAMES,
  localDateAt,
  offeredDayPart,
  type DayPartName,
  type OfferedDayPart,
} from '../locations/index.ts';
import type { Principal } from '../shared/principal.ts';
import { AgreementModel, type Agreement, type StoredDirection } from './agreement.model.ts';
import { PUBLIC_STATUSES } from './agreement.policy.ts';
import type { Grant, GrantTerms } from './grant-terms.ts';
import type { MonthlyUse } from './monthly-use.ts';
import { priceFor, type PriceAnswer } from './price-engine.ts';

/** What the engine needs of a place (a stored location has all of it). */
export interface PlaceForPrices {
  _id: Types.ObjectId;
  network: Types.ObjectId;
  timeZone: string;
  tariffs?: { category: string; amount: number; currency: string; dayPart?: string | null }[] | null;
  dayParts?: OfferedDayPart[] | null;
  openingHours?: string | null;
  address: { countryCode: string; region?: string | null };
  /** Demo data: the page says the prices are invented. */
  examplePrices?: boolean | null;
}

export interface DayPartPrice {
  date: string;
  part: DayPartName;
  from?: string;
  to?: string;
  answer: PriceAnswer;
}

export const termsOf = (d: StoredDirection): GrantTerms => ({
  categories: d.categories,
  level: d.level,
  ...(d.discountPercent != null ? { discountPercent: d.discountPercent } : {}),
  ...(d.monthlyQuota != null ? { monthlyQuota: d.monthlyQuota } : {}),
  bookingRequired: Boolean(d.bookingRequired),
  ...(d.noticeHours != null ? { noticeHours: d.noticeHours } : {}),
  hostApproves: Boolean(d.hostApproves),
  locations: d.allLocations ? 'all' : d.locations.map(String),
  ...(d.guestCap != null ? { guestCap: d.guestCap } : {}),
  validFrom: d.validFrom,
  ...(d.validUntil ? { validUntil: d.validUntil } : {}),
});

/** The accepted directions of active and suspended agreements, as grants; `host` narrows them to one host network. */
export function grantsOf(agreements: Agreement[], host?: string): Grant[] {
  return agreements.flatMap((agreement) => {
    const version = agreement.versions.find((v) => v.number === agreement.acceptedVersion);
    if (!version) return [];
    return version.directions
      .filter((d) => host === undefined || d.host.toString() === host)
      .map((d) => ({
        agreementId: agreement._id.toString(),
        version: version.number,
        hostNetworkId: d.host.toString(),
        guestNetworkId: d.guest.toString(),
        status: agreement.status,
        terms: termsOf(d),
      }));
  });
}

/** Agreements in force or suspended that a network is part of (a small collection: one per pair of networks at most). */
export async function liveAgreementsOf(networkId: Types.ObjectId | string): Promise<Agreement[]> {
  return AgreementModel.find({ networks: networkId, status: { $in: [...PUBLIC_STATUSES] } }).lean<Agreement[]>();
}

export const MAX_DAYS = 31;

/**
 * The price for the principal of each day-part the place offers, for `days` days from `from` (the place's calendar
 * day; today at the place when absent). Use so far comes through the MonthlyUse port.
 */
export async function pricesFor(
  p: Principal,
  place: PlaceForPrices,
  use: MonthlyUse,
  options: { from?: string; days: number; now?: Date },
): Promise<DayPartPrice[]> {
  const start = options.from ?? localDateAt(options.now ?? new Date(), place.timeZone);
  const hostId = place.network.toString();
  const grants = grantsOf(await liveAgreementsOf(place.network), hostId);
  const memberships = p.memberships.map((m) => ({
    networkId: m.networkId,
    category: m.category,
    ...(m.categoryUntil ? { categoryUntil: m.categoryUntil } : {}),
  }));
  const location = { id: place._id.toString(), networkId: hostId, tariffs: place.tariffs ?? [] };
  const mine = grants.filter((g) => memberships.some((m) => m.networkId === g.guestNetworkId));
  const parts = DAY_PART_NAMES.filter((part) => (place.dayParts ?? []).some((d) => d.part === part));
  const prices: DayPartPrice[] = [];
  for (let i = 0; i < Math.min(options.days, MAX_DAYS); i += 1) {
    const date = addDays(start, i);
    const month = date.slice(0, 7);
    for (const part of parts) {
      const offered = offeredDayPart(place, date, part);
      // Asked only of agreements that may apply to this viewer; anonymous viewers ask nothing.
      const used = new Map<string, number>();
      const guests = new Map<string, number>();
      for (const g of mine) {
        if (p.userId) used.set(g.agreementId, await use.dayPartsUsed(p.userId, g.agreementId, month));
        guests.set(g.agreementId, await use.guestsBooked(g.agreementId, location.id, date, part));
      }
      const answer = priceFor({
        memberships,
        location,
        date,
        part,
        offered: offered !== undefined,
        grants: mine,
        use: { dayPartsUsed: (id) => used.get(id) ?? 0, guestsBooked: (id) => guests.get(id) ?? 0 },
      });
      prices.push({ date, part, ...(offered ? { from: offered.from, to: offered.to } : {}), answer });
    }
  }
  return prices;
}

/** Who else gets in, for anonymous visitors: the grants in force at this place, by guest network. */
export async function grantsAtPlace(place: PlaceForPrices, today: string): Promise<Grant[]> {
  const id = place._id.toString();
  return grantsOf(await liveAgreementsOf(place.network), place.network.toString()).filter(
    (g) =>
      g.status === 'active' &&
      (g.terms.locations === 'all' || g.terms.locations.includes(id)) &&
      (!g.terms.validUntil || g.terms.validUntil >= today),
  );
}
