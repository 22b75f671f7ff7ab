// Routes of programmes: the agenda and event pages (and their JSON), registrations, calendar feeds, and the manager's
// event pages and API writes.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import type { AgendaReadModel } from './agenda-read-model.ts';
import { agendaController } from './agenda.controller.ts';
import { eventManageController } from './event-manage.controller.ts';
import { registrationController } from './registration.controller.ts';

export function programmeRoutes(ctx: RouteContext, agenda: AgendaReadModel): Router {
  const router = Router();
  const read = agendaController(ctx, agenda);
  const manage = eventManageController(ctx);
  const registrations = registrationController(ctx);

  router.get('/agenda', read.page);
  router.get('/api/v1/events', read.json);
  router.get('/api/v1/events/:id', read.eventJson);
  router.get('/events/:id', read.event);
  router.get('/events/:id/:key', read.occurrence);
  router.get('/calendar/agenda.ics', read.agendaFeed);
  router.get('/calendar/locations/:slug.ics', read.locationFeed);
  router.get('/calendar/networks/:slug.ics', read.networkFeed);
  router.get('/calendar/me/:token.ics', read.privateFeed);

  router.post('/events/:id/:key/register', registrations.register);
  router.post('/events/:id/:key/unregister', registrations.unregister);
  router.get('/registrations/:token', registrations.tokenPage);
  router.post('/registrations/:token/confirm', registrations.confirm);
  router.post('/registrations/:token/cancel', registrations.cancel);
  router.get('/me/registrations', registrations.mine);
  router.post('/me/registrations/feed', registrations.resetFeed);

  router.get('/manage/events', manage.index);
  router.get('/manage/events/new', manage.newForm);
  router.post('/manage/events/new', manage.create);
  router.get('/manage/events/:id/edit', manage.editForm);
  router.post('/manage/events/:id/edit', manage.update);
  router.post('/manage/events/:id/status', manage.status);
  router.post('/manage/events/:id/occurrences/:key/cancel', manage.cancelOccurrence);
  router.get('/manage/events/:id/attendees', manage.attendees);
  router.get('/manage/events/:id/attendees.csv', manage.attendeesCsv);
  router.post('/api/v1/events', manage.createJson);
  router.patch('/api/v1/events/:id', manage.patchJson);
  return router;
}
