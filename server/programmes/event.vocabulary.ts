// The words of a programme (DESIGN.md): event categories, statuses, audiences and registration states.
export const EVENT_CATEGORIES = [
  'ondernemerscafe',
  'workshop',
  'coaching-hour',
  'helpdesk',
  'exhibition',
  'screening',
  'conference',
  'open-day',
  'other',
] as const;
export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
/** `open`: anyone; `members`: active members of the event's chosen networks. */
export const AUDIENCES = ['open', 'members'] as const;
/**
 * `pending`: a visitor's registration waiting for its confirmation link; `registered`: holds a seat (or the event
 * has no capacity); `waiting`: on the waiting list; `cancelled`: given up, by the person or with the occurrence.
 */
export const REGISTRATION_STATUSES = ['pending', 'registered', 'waiting', 'cancelled'] as const;

export type EventCategory = (typeof EVENT_CATEGORIES)[number];
export type EventStatus = (typeof EVENT_STATUSES)[number];
export type Audience = (typeof AUDIENCES)[number];
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
