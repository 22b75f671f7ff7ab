// The price engine: what one day-part at one location costs one viewer, and why. One pure function, no I/O.
//
// Its caller (price.service.ts, and the bookings to come) gathers the inputs: the viewer's memberships, the location's
// prices and offered day-part, the agreements whose host is the location's network, and the viewer's use so far.
// Every answer carries a reason code and its numbers; the UI translates them (`access:reason.<code>`).
import type { DayPartName } from '../locations/index.ts';
import type { Grant, GrantTerms } from './grant-terms.ts';

export interface ViewerMembership {
  networkId: string;
  category: string;
  /** Last day (`YYYY-MM-DD`) the category holds; after it the member counts as `member`. */
  categoryUntil?: string;
}

export interface PricedLocation {
  id: string;
  networkId: string;
  tariffs: { category: string; amount: number; currency: string; dayPart?: string | null }[];
}

/** Use so far, looked up by the caller beforehand (the bookings issue feeds it; until then zero). */
export interface UseSoFar {
  /** Day-parts the viewer used under this agreement in `month` (`YYYY-MM`, at the place). */
  dayPartsUsed(agreementId: string, month: string): number;
  /** Guests under this agreement already at this location for this date and day-part. */
  guestsBooked(agreementId: string): number;
}

export const NO_USE: UseSoFar = { dayPartsUsed: () => 0, guestsBooked: () => 0 };

export interface PriceQuestion {
  /** Anonymous viewers have no memberships. */
  memberships: ViewerMembership[];
  location: PricedLocation;
  /** The calendar day at the location (`YYYY-MM-DD`): months and validity are counted by it. */
  date: string;
  part: DayPartName;
  /** Whether the location offers this day-part on this date (see `offeredDayPart`). */
  offered: boolean;
  /** Agreements' directions; those not hosted by the location's network or not granted to the viewer are ignored. */
  grants: Grant[];
  use: UseSoFar;
}

export type ReasonCode =
  | 'not-offered'
  | 'public'
  | 'not-public'
  | 'own-member'
  | 'agreement'
  | 'agreement-quota-used'
  | 'agreement-suspended'
  | 'agreement-not-yet-valid'
  | 'agreement-expired'
  | 'agreement-out-of-scope'
  | 'agreement-cap-reached'
  | 'agreement-category';

/** The refusals that name an agreement of the place's network: the reader is told which and why. */
export const AGREEMENT_REFUSALS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'agreement-suspended',
  'agreement-not-yet-valid',
  'agreement-expired',
  'agreement-out-of-scope',
  'agreement-cap-reached',
  'agreement-category',
]);

export type Via =
  | { kind: 'public' }
  | { kind: 'membership'; networkId: string; category: string }
  | { kind: 'agreement'; agreementId: string; hostNetworkId: string; guestNetworkId: string; category: string };

export interface Quota {
  included: number;
  used: number;
  left: number;
  month: string;
}

export interface PriceAnswer {
  access: boolean;
  /** The price of the day-part for this viewer, when there is access. */
  amount?: number;
  currency?: string;
  /** The tariff category the price was read from. */
  tariffCategory?: string;
  reason: ReasonCode;
  via?: Via;
  /** For an agreement's access: its level, discount, quota and the terms a visit follows. */
  level?: GrantTerms['level'];
  discountPercent?: number;
  quota?: Quota;
  bookingRequired?: boolean;
  noticeHours?: number;
  hostApproves?: boolean;
}

/** A membership's tariff category on a date: an ended category falls back to a plain member's. */
export function categoryOn(m: ViewerMembership, date: string): string {
  return m.categoryUntil && m.categoryUntil < date ? 'member' : m.category;
}

/** The price of a tariff category for a day-part: a price for that day-part wins over one for every day-part. */
function tariff(location: PricedLocation, category: string, part: DayPartName) {
  const rows = location.tariffs.filter((t) => t.category === category);
  return rows.find((t) => t.dayPart === part) ?? rows.find((t) => !t.dayPart);
}

const OWN_TARIFF: Record<string, string> = {
  member: 'own-member',
  'social-programme': 'social-programme',
  resident: 'resident',
  'partner-member': 'partner-member',
};

/** What a guest pays beyond what an agreement includes: the partner-member price, else the public one. */
const guestBase = (location: PricedLocation, part: DayPartName) =>
  tariff(location, 'partner-member', part) ?? tariff(location, 'public', part);

const money = (amount: number) => Math.round(amount * 100) / 100;

/** Why a grant does not apply to this date and place, or undefined when it does. */
function grantRefusal(grant: Grant, q: PriceQuestion): ReasonCode | undefined {
  const t = grant.terms;
  if (grant.status === 'suspended') return 'agreement-suspended';
  if (grant.status !== 'active') return undefined; // proposals, declined and ended agreements grant nothing
  if (q.date < t.validFrom) return 'agreement-not-yet-valid';
  if (t.validUntil && q.date > t.validUntil) return 'agreement-expired';
  if (t.locations !== 'all' && !t.locations.includes(q.location.id)) return 'agreement-out-of-scope';
  if (t.guestCap != null && q.use.guestsBooked(grant.agreementId) >= t.guestCap) return 'agreement-cap-reached';
  return undefined;
}

/** Every way in for the viewer, each priced: own memberships, then grants to the networks they belong to. */
function options(q: PriceQuestion): { answers: PriceAnswer[]; refusals: ReasonCode[] } {
  const { location, part, date } = q;
  const answers: PriceAnswer[] = [];
  const refusals: ReasonCode[] = [];
  const pub = tariff(location, 'public', part);
  if (pub) {
    answers.push({
      access: true,
      amount: pub.amount,
      currency: pub.currency,
      tariffCategory: 'public',
      reason: 'public',
      via: { kind: 'public' },
    });
  }
  for (const m of q.memberships) {
    const category = categoryOn(m, date);
    if (m.networkId === location.networkId) {
      const own = OWN_TARIFF[category] ?? 'own-member';
      for (const cat of new Set([own, ...(category === 'partner-member' ? [] : ['own-member'])])) {
        const row = tariff(location, cat, part);
        if (!row) continue;
        answers.push({
          access: true,
          amount: row.amount,
          currency: row.currency,
          tariffCategory: cat,
          reason: 'own-member',
          via: { kind: 'membership', networkId: m.networkId, category },
        });
      }
      continue;
    }
    for (const grant of q.grants) {
      if (grant.hostNetworkId !== location.networkId || grant.guestNetworkId !== m.networkId) continue;
      const refusal = grantRefusal(grant, q);
      if (refusal) {
        refusals.push(refusal);
        continue;
      }
      if (grant.status !== 'active') continue;
      if (!grant.terms.categories.includes(category as never)) {
        refusals.push('agreement-category');
        continue;
      }
      const answer = grantAnswer(grant, q, category);
      if (answer) answers.push(answer);
    }
  }
  return { answers, refusals };
}

/** The price under an active grant that applies: within the monthly quota its level, beyond it the guest's base price. */
function grantAnswer(grant: Grant, q: PriceQuestion, category: string): PriceAnswer | undefined {
  const t = grant.terms;
  const month = q.date.slice(0, 7);
  const used = q.use.dayPartsUsed(grant.agreementId, month);
  const included = t.level === 'public-rate' ? undefined : (t.monthlyQuota ?? undefined);
  const quota: Quota | undefined =
    included === undefined ? undefined : { included, used, left: Math.max(0, included - used), month };
  const base = guestBase(q.location, q.part);
  const common = {
    via: {
      kind: 'agreement' as const,
      agreementId: grant.agreementId,
      hostNetworkId: grant.hostNetworkId,
      guestNetworkId: grant.guestNetworkId,
      category,
    },
    level: t.level,
    ...(t.level === 'discount' && t.discountPercent != null ? { discountPercent: t.discountPercent } : {}),
    ...(quota ? { quota } : {}),
    bookingRequired: t.bookingRequired,
    ...(t.bookingRequired && t.noticeHours != null ? { noticeHours: t.noticeHours } : {}),
    hostApproves: t.hostApproves,
  };
  const beyondQuota = quota !== undefined && quota.left === 0;
  if (t.level === 'public-rate' || beyondQuota) {
    if (!base) return undefined;
    return {
      access: true,
      amount: base.amount,
      currency: base.currency,
      tariffCategory: base.category,
      reason: beyondQuota ? 'agreement-quota-used' : 'agreement',
      ...common,
    };
  }
  if (t.level === 'free') {
    const currency = (base ?? q.location.tariffs[0])?.currency ?? 'EUR';
    return { access: true, amount: 0, currency, reason: 'agreement', ...common };
  }
  if (t.level === 'member-rate') {
    const row = tariff(q.location, 'own-member', q.part) ?? base;
    if (!row) return undefined;
    return {
      access: true,
      amount: row.amount,
      currency: row.currency,
      tariffCategory: row.category,
      reason: 'agreement',
      ...common,
    };
  }
  if (!base) return undefined;
  const percent = Math.min(100, Math.max(0, t.discountPercent ?? 0));
  return {
    access: true,
    amount: money(base.amount * (1 - percent / 100)),
    currency: base.currency,
    tariffCategory: base.category,
    reason: 'agreement',
    ...common,
  };
}

/**
 * Cheaper first; at the same price, the way that spends no included day-part, then a membership or agreement over
 * the public price (it says more: "your quota is used up"), then the first found.
 */
function better(a: PriceAnswer, b: PriceAnswer): boolean {
  if (a.amount! !== b.amount!) return a.amount! < b.amount!;
  const spends = (x: PriceAnswer) => (x.quota && x.reason === 'agreement' ? 1 : 0);
  if (spends(a) !== spends(b)) return spends(a) < spends(b);
  return a.via?.kind !== 'public' && b.via?.kind === 'public';
}

/**
 * The price of one day-part for one viewer: the cheapest way in among their memberships, the agreements granted to
 * their networks and the public price. When no agreement applies but one exists, the reason says why (suspended,
 * expired, cap reached…) and the public price, if any, is the answer.
 */
export function priceFor(q: PriceQuestion): PriceAnswer {
  if (!q.offered) return { access: false, reason: 'not-offered' };
  const { answers, refusals } = options(q);
  let best: PriceAnswer | undefined;
  for (const answer of answers) if (!best || better(answer, best)) best = answer;
  const refusal = refusals[0];
  if (best && best.reason === 'public' && refusal) return { ...best, reason: refusal };
  if (best) return best;
  return { access: false, reason: refusal ?? 'not-public' };
}
