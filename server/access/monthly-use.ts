// The port through which the price engine learns a person's use so far: bookings will answer it; until then, zero.
import type { DayPartName } from '../locations/index.ts';

export interface MonthlyUse {
  /** Day-parts this person used under this agreement in `month` (`YYYY-MM`, counted at the host's places). */
  dayPartsUsed(userId: string, agreementId: string, month: string): Promise<number>;
  /** Guests already coming under this agreement to this location on `date` (`YYYY-MM-DD`) for this day-part. */
  guestsBooked(agreementId: string, locationId: string, date: string, part: DayPartName): Promise<number>;
}

/** No bookings yet: nobody has used anything. */
export const NO_MONTHLY_USE: MonthlyUse = {
  dayPartsUsed: () => Promise.resolve(0),
  guestsBooked: () => Promise.resolve(0),
};
