// The words of a membership that other domains price and grant by: its categories.
export const MEMBERSHIP_CATEGORIES = ['member', 'social-programme', 'partner-member', 'resident'] as const;
export type MembershipCategory = (typeof MEMBERSHIP_CATEGORIES)[number];
