// What the usage log records: every booking, cancellation, approval, check-in, walk-in and no-show.
export const USAGE_KINDS = ['booking', 'cancellation', 'approval', 'check-in', 'walk-in', 'no-show'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];
