// The words DESIGN.md gives a location: its types, model parts, facilities, statuses and tariff categories.
export const LOCATION_TYPES = ['coworking', 'third-place', 'village-hall', 'fablab', 'meeting-space'] as const;
export const GOVERNANCES = ['cooperative', 'partner', 'third-party'] as const;
export const OPENNESS = ['members-only', 'network-members', 'public'] as const;
export const SPACE_KINDS = ['shared-workspace', 'third-place'] as const;
export const STATUSES = ['draft', 'published', 'archived'] as const;
export const FACILITIES = [
  'desks',
  'meeting-room',
  'meeting-table',
  'wifi',
  'fast-internet',
  'printer',
  'coffee',
  'kitchen',
  'height-adjustable-desks',
  'step-free-access',
  'quiet-room',
  'phone-booth',
  'workshop-tools',
  'bike-parking',
] as const;
export const TARIFF_CATEGORIES = ['own-member', 'partner-member', 'social-programme', 'resident', 'public'] as const;
/** The day-parts a location may offer, each with its own hours (the unit of desk prices and bookings). */
export const DAY_PART_NAMES = ['morning', 'afternoon', 'evening'] as const;
/** Days of the week as OSM opening_hours writes them, Monday first. */
export const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;

export type LocationType = (typeof LOCATION_TYPES)[number];
export type Governance = (typeof GOVERNANCES)[number];
export type Openness = (typeof OPENNESS)[number];
export type SpaceKind = (typeof SPACE_KINDS)[number];
export type LocationStatus = (typeof STATUSES)[number];
export type Facility = (typeof FACILITIES)[number];
export type TariffCategory = (typeof TARIFF_CATEGORIES)[number];
export type DayPartName = (typeof DAY_PART_NAMES)[number];
export type Weekday = (typeof WEEKDAYS)[number];
