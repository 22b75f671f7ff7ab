// What one direction of an agreement grants: the host network's terms for the guest network's members.
import type { MembershipCategory } from '../networks/index.ts';

export const ACCESS_LEVELS = ['free', 'member-rate', 'discount', 'public-rate'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const AGREEMENT_STATUSES = ['proposed', 'active', 'suspended', 'declined', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface GrantTerms {
  /** The guest network's member categories that qualify (a category past its end date counts as `member`). */
  categories: MembershipCategory[];
  level: AccessLevel;
  /** Off the guest's base price, for `discount` (1–100). */
  discountPercent?: number | null;
  /** Included day-parts per member per calendar month (at the place); absent: no limit. */
  monthlyQuota?: number | null;
  bookingRequired: boolean;
  /** Hours of notice a booking needs, when booking is required. */
  noticeHours?: number | null;
  /** Whether the host approves each visit. */
  hostApproves: boolean;
  /** Host locations (ids) the grant covers; `all` covers every location of the host network. */
  locations: 'all' | string[];
  /** Guests under this grant per day-part at each location; absent: as many as there are desks. */
  guestCap?: number | null;
  /** First and last calendar day (`YYYY-MM-DD`) the grant holds; no last day: until ended. */
  validFrom: string;
  validUntil?: string | null;
}

/** One direction of an agreement as the price engine sees it: who hosts, who visits, in which state. */
export interface Grant {
  agreementId: string;
  /** The version whose terms hold (the accepted one). */
  version: number;
  hostNetworkId: string;
  guestNetworkId: string;
  status: AgreementStatus;
  terms: GrantTerms;
}
