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

export type LocationType = (typeof LOCATION_TYPES)[number];
export type Governance = (typeof GOVERNANCES)[number];
export type Openness = (typeof OPENNESS)[number];
export type SpaceKind = (typeof SPACE_KINDS)[number];
export type LocationStatus = (typeof STATUSES)[number];
export type Facility = (typeof FACILITIES)[number];
export type TariffCategory = (typeof TARIFF_CATEGORIES)[number];
