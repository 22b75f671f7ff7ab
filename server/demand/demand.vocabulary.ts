// The words of a demand signal ("I would work here"): when and how often the person would come.
export const INTEREST_DAY_PARTS = ['morning', 'afternoon', 'evening'] as const;
export type InterestDayPart = (typeof INTEREST_DAY_PARTS)[number];

export const FREQUENCIES = ['weekly', 'few-times-a-month', 'monthly', 'occasionally'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * A signal where no place exists yet is kept at the centre of a cell of this many degrees (about 1 km), never at the
 * point the person chose: that could be their home.
 */
export const POINT_CELL_DEGREES = 0.01;

/** Fewer people than this are shown as "fewer than 5", so nobody can be singled out. */
export const SMALLEST_SHOWN_COUNT = 5;
