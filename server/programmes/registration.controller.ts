// Registering for an occurrence: a member with one click, a visitor by e-mail (a confirmation link is mailed); the
// link's page confirms or cancels; my registrations and my private calendar feed.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RouteContext } from '../app-context.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm } from '../shared/http/forms.ts';
import { objectIdField } from '../shared/http/schema-fields.ts';
import { parseInput } from '../shared/http/validate.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import { assertAllowed } from '../shared/principal.ts';
import { EventModel, type EventRecord } from './event.model.ts';
import { hasCalendarFeed, resetCalendarFeed } from './calendar-feed.service.ts';
import { confirmationMail, deliver, movedUpMail } from './programme.mail.ts';
import {
  cancelByToken,
  cancelOwnRegistration,
  confirmByToken,
  registerMember,
  registrationByToken,
  registrationsOf,
  requestVisitorRegistration,
} from './registration.service.ts';
import { OCCURRENCE_KEY, wallAt } from './zoned-time.ts';

const V = 'programmes:validation';
const occurrenceParams = z.object({
  id: objectIdField(`${V}.event`),
  key: z.string().regex(OCCURRENCE_KEY, { error: `${V}.occurrence` }),
});
const visitorBody = z.object({
  name: z
    .string({ error: `${V}.name` })
    .trim()
    .min(1, { error: `${V}.name` })
    .max(150, { error: `${V}.name` }),
  email: z
    .string({ error: `${V}.email` })
    .trim()
    .toLowerCase()
    .max(254, { error: `${V}.email` })
    .pipe(z.email({ error: `${V}.email` })),
});
const tokenParams = z.object({ token: z.string().min(10).max(100) });

export function registrationController(ctx: RouteContext) {
  const occurrenceUrl = (id: string, key: string) => `/events/${id}/${key}`;

  return {
    register: async (req: Request, res: Response): Promise<void> => {
      const { id, key } = parseInput(occurrenceParams, req.params);
      const p = req.principal;
      if (p.kind === 'user') {
        const result = await registerMember(p, id, key);
        flash(req, `programmes:flash.register.${result.outcome}`);
        res.redirect(303, occurrenceUrl(id, key));
        return;
      }
      const body = req.body as Record<string, unknown>;
      await submitForm(
        req,
        async () => {
          const person = parseInput(visitorBody, body);
          const result = await requestVisitorRegistration(id, key, { ...person, language: req.lang });
          const event = await EventModel.findById(id).lean<EventRecord>().orFail();
          await deliver(ctx, [confirmationMail(ctx, event, result.registration, result.token!)]);
          res.status(202).render('programmes/registration-sent', { email: person.email, back: occurrenceUrl(id, key) });
        },
        (status, errors) =>
          res.status(status).render('programmes/visitor-form', {
            errors,
            values: body,
            action: req.originalUrl,
            back: occurrenceUrl(id, key),
          }),
      );
    },

    unregister: async (req: Request, res: Response): Promise<void> => {
      const { id, key } = parseInput(occurrenceParams, req.params);
      const { event, movedUp } = await cancelOwnRegistration(req.principal, id, key);
      if (movedUp) await deliver(ctx, [movedUpMail(ctx, event, movedUp)]);
      flash(req, 'programmes:flash.unregistered');
      res.redirect(303, occurrenceUrl(id, key));
    },

    tokenPage: async (req: Request, res: Response): Promise<void> => {
      const { token } = parseInput(tokenParams, req.params);
      const { registration, event } = await registrationByToken(token);
      res.render('programmes/registration', {
        registration,
        token,
        title: pickText(event.title, event.language, req.readerLanguages),
        when: wallAt(registration.occurrenceStart, event.timeZone),
        timeZone: event.timeZone,
        url: occurrenceUrl(event._id.toString(), registration.occurrence),
      });
    },

    confirm: async (req: Request, res: Response): Promise<void> => {
      const { token } = parseInput(tokenParams, req.params);
      const result = await confirmByToken(token);
      flash(req, `programmes:flash.register.${result.outcome}`);
      res.redirect(303, `/registrations/${encodeURIComponent(token)}`);
    },

    cancel: async (req: Request, res: Response): Promise<void> => {
      const { token } = parseInput(tokenParams, req.params);
      const { view, movedUp } = await cancelByToken(token);
      if (movedUp) await deliver(ctx, [movedUpMail(ctx, view.event, movedUp)]);
      flash(req, 'programmes:flash.unregistered');
      res.redirect(303, `/registrations/${encodeURIComponent(token)}`);
    },

    mine: async (req: Request, res: Response): Promise<void> => {
      const p = req.principal;
      assertAllowed(p, p.kind === 'user');
      const registrations = await registrationsOf(p.userId!);
      const events = new Map(
        (await EventModel.find({ _id: { $in: registrations.map((r) => r.event) } }).lean<EventRecord[]>()).map((e) => [
          e._id.toString(),
          e,
        ]),
      );
      res.render('programmes/my-registrations', {
        items: registrations.flatMap((r) => {
          const event = events.get(r.event.toString());
          if (!event) return [];
          return [
            {
              registration: r,
              title: pickText(event.title, event.language, req.readerLanguages),
              when: wallAt(r.occurrenceStart, event.timeZone),
              timeZone: event.timeZone,
              url: occurrenceUrl(event._id.toString(), r.occurrence),
            },
          ];
        }),
        hasFeed: await hasCalendarFeed(p.userId!),
        feedUrl: undefined,
        display: formatters(req.lang),
        errors: NO_ERRORS,
      });
    },

    resetFeed: async (req: Request, res: Response): Promise<void> => {
      const token = await resetCalendarFeed(req.principal);
      res.render('programmes/feed-created', { feedUrl: `${ctx.config.baseUrl}/calendar/me/${token}.ics` });
    },
  };
}
