// Programmes: what other domains (and the app) may use. Routes are mounted by app.ts; the models stay inside.
export type { EventRecord } from './event.model.ts';
export type { Registration } from './registration.model.ts';
export { AgendaReadModel } from './agenda-read-model.ts';
export { comingEventsFrom } from './agenda.service.ts';
export { canManageEvent, maySeeEvent, admitsPrincipal } from './event.policy.ts';
export { createEvent, updateEvent } from './event.service.ts';
export { eventInputSchema, eventPatchSchema, type EventInput } from './event.schemas.ts';
export { agendaQuerySchema } from './agenda.schemas.ts';
export { expand, HORIZON_DAYS, MAX_OCCURRENCES, rruleProblem } from './recurrence.ts';
export { instantOf, wallAt } from './zoned-time.ts';
export { insertExampleEvents } from './example-events.ts';
