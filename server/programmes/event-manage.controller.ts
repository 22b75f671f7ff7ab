// The manager's side of programmes: the list of my events, the event form (create, edit), status and occurrence
// cancellation, the attendee list and its CSV, and the JSON API's writes. Every write tells registrants it cancelled.
import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { RouteContext } from '../app-context.ts';
import { networksByIds } from '../networks/index.ts';
import { placesForEvents, TARIFF_CATEGORIES } from '../locations/index.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { objectIdField } from '../shared/http/schema-fields.ts';
import { parseInput } from '../shared/http/validate.ts';
import { adminNetworkIds, assertAllowed, isManagerOrAdmin, type Principal } from '../shared/principal.ts';
import { asFormError, formToInput, FORM_LANGUAGES, inputToForm } from './event-form.ts';
import { eventInputSchema, eventPatchSchema } from './event.schemas.ts';
import {
  cancelOccurrence,
  createEvent,
  inputOf,
  loadManageableEvent,
  manageableEvents,
  setEventStatus,
  updateEvent,
  type EventChange,
} from './event.service.ts';
import type { EventRecord } from './event.model.ts';
import { AUDIENCES, EVENT_CATEGORIES, EVENT_STATUSES } from './event.vocabulary.ts';
import { cancelledMail, deliver } from './programme.mail.ts';
import { attendees } from './registration.service.ts';
import { expand, horizonFrom } from './recurrence.ts';
import { OCCURRENCE_KEY, wallAt } from './zoned-time.ts';

const idParams = z.object({ id: objectIdField('programmes:validation.event') });
const occurrenceParams = idParams.extend({
  key: z.string().regex(OCCURRENCE_KEY, { error: 'programmes:validation.occurrence' }),
});
const statusBody = z.object({ status: z.enum(EVENT_STATUSES, { error: 'programmes:validation.status' }) });
const attendeeQuery = z.object({
  occurrence: z
    .string()
    .regex(OCCURRENCE_KEY, { error: 'programmes:validation.occurrence' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

const plainEvent = (e: { toObject(): unknown }) => e.toObject() as EventRecord;

async function formChoices(p: Principal, lang: string) {
  const places = (await placesForEvents(p)).map((place) => ({
    value: `location:${place.slug}`,
    label: `${pickText(place.name, place.language, lang)?.text ?? place.slug} (${place.address.locality})`,
  }));
  const all = await networksByIds();
  const administered = p.instanceAdmin ? all : all.filter((n) => adminNetworkIds(p).includes(n._id.toString()));
  const networkName = (n: (typeof all)[number]) => pickText(n.name, n.language, lang)?.text ?? n.slug;
  return {
    places,
    networkWide: administered.map((n) => ({ value: `network:${n.slug}`, label: networkName(n) })),
    networks: all.map((n) => ({ slug: n.slug, name: networkName(n) })),
    administeredNetworks: administered.map((n) => n.slug),
  };
}

export function eventManageController(ctx: RouteContext) {
  async function tellCancelled(change: EventChange): Promise<void> {
    await deliver(
      ctx,
      change.cancelled.map(({ event, registration }) => cancelledMail(event, registration)),
    );
  }

  async function renderForm(
    req: Request,
    res: Response,
    status: number,
    state: { mode: 'create' | 'edit'; values: Record<string, unknown>; errors?: FormErrors; event?: EventRecord },
  ) {
    const choices = await formChoices(req.principal, req.lang);
    res.status(status).render('programmes/event-form', {
      ...state,
      errors: state.errors ?? NO_ERRORS,
      ...choices,
      formLanguages: FORM_LANGUAGES,
      categories: EVENT_CATEGORIES,
      audiences: AUDIENCES,
      statuses: EVENT_STATUSES,
      tariffCategories: TARIFF_CATEGORIES,
    });
  }

  return {
    index: async (req: Request, res: Response): Promise<void> => {
      assertAllowed(req.principal, isManagerOrAdmin(req.principal));
      const events = await manageableEvents(req.principal);
      const now = new Date();
      res.render('programmes/manage-events', {
        events: events.map((e) => ({
          id: e._id.toString(),
          title: pickText(e.title, e.language, req.readerLanguages),
          status: e.status,
          category: e.category,
          start: e.start,
          recurring: Boolean(e.rrule),
          example: Boolean(e.example),
          next: expand(e, now, horizonFrom(now))[0],
          timeZone: e.timeZone,
          // As for listings: the interface languages the title or the description is not written in.
          missing: FORM_LANGUAGES.filter((l) => !e.title[l]?.trim() || !e.description?.[l]?.trim()),
        })),
        wallAt,
        display: formatters(req.lang),
      });
    },

    newForm: async (req: Request, res: Response): Promise<void> => {
      assertAllowed(req.principal, isManagerOrAdmin(req.principal));
      await renderForm(req, res, 200, {
        mode: 'create',
        values: { language: req.lang, audience: 'open', status: 'draft', currency: 'EUR', category: 'ondernemerscafe' },
      });
    },

    create: async (req: Request, res: Response): Promise<void> => {
      assertAllowed(req.principal, isManagerOrAdmin(req.principal));
      const body = req.body as Record<string, unknown>;
      await submitForm(
        req,
        async () => {
          try {
            const event = await createEvent(req.principal, parseInput(eventInputSchema, formToInput(body)));
            flash(req, 'programmes:flash.created');
            res.redirect(303, `/manage/events/${event._id.toString()}/edit`);
          } catch (error) {
            throw asFormError(error);
          }
        },
        (status, errors) => renderForm(req, res, status, { mode: 'create', values: body, errors }),
      );
    },

    editForm: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(idParams, req.params);
      const event = plainEvent(await loadManageableEvent(req.principal, id));
      await renderForm(req, res, 200, { mode: 'edit', values: inputToForm(await inputOf(event)), event });
    },

    update: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(idParams, req.params);
      const event = plainEvent(await loadManageableEvent(req.principal, id));
      const body = req.body as Record<string, unknown>;
      await submitForm(
        req,
        async () => {
          try {
            // The form edits all but the exceptions and single-occurrence changes, which it keeps as they are.
            const input = parseInput(eventInputSchema, formToInput(body));
            const change = await updateEvent(req.principal, id, {
              ...input,
              exdates: event.exdates ?? [],
              overrides: event.overrides ?? [],
              rrule: input.rrule ?? null,
              capacity: input.capacity ?? null,
              timeZone: input.timeZone,
            });
            await tellCancelled(change);
            flash(req, 'programmes:flash.saved');
            res.redirect(303, `/manage/events/${id}/edit`);
          } catch (error) {
            throw asFormError(error);
          }
        },
        (status, errors) => renderForm(req, res, status, { mode: 'edit', values: body, errors, event }),
      );
    },

    status: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(idParams, req.params);
      const { status } = parseInput(statusBody, req.body);
      await tellCancelled(await setEventStatus(req.principal, id, status));
      flash(req, `programmes:flash.status.${status}`);
      res.redirect(303, `/manage/events/${id}/edit`);
    },

    cancelOccurrence: async (req: Request, res: Response): Promise<void> => {
      const { id, key } = parseInput(occurrenceParams, req.params);
      await tellCancelled(await cancelOccurrence(req.principal, id, key));
      flash(req, 'programmes:flash.occurrenceCancelled');
      res.redirect(303, `/manage/events/${id}/attendees`);
    },

    attendees: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(idParams, req.params);
      const { occurrence } = parseInput(attendeeQuery, req.query);
      const event = plainEvent(await loadManageableEvent(req.principal, id));
      const list = await attendees(req.principal, id, occurrence);
      const now = new Date();
      res.render('programmes/attendees', {
        event,
        title: pickText(event.title, event.language, req.readerLanguages),
        occurrence,
        occurrences: expand(event, now, horizonFrom(now)).slice(0, 50),
        registrations: list,
        wallAt,
        display: formatters(req.lang),
      });
    },

    attendeesCsv: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(idParams, req.params);
      const { occurrence } = parseInput(attendeeQuery, req.query);
      const event = plainEvent(await loadManageableEvent(req.principal, id));
      const list = await attendees(req.principal, id, occurrence);
      const t = req.t;
      const csv = stringify(
        list.map((r) => [
          wallAt(r.occurrenceStart, event.timeZone).replace('T', ' '),
          r.name,
          r.email,
          t(`programmes:registration.status.${r.status}`),
          r.seat ?? '',
          r.createdAt.toISOString(),
        ]),
        {
          header: true,
          columns: ['occurrence', 'name', 'email', 'status', 'seat', 'registeredAt'].map((c) =>
            t(`programmes:attendees.csv.${c}`),
          ),
        },
      );
      res.attachment(`attendees-${id}${occurrence ? `-${occurrence}` : ''}.csv`);
      res.type('text/csv; charset=utf-8').send(csv);
    },

    createJson: async (req: Request, res: Response): Promise<void> => {
      const event = await createEvent(req.principal, parseInput(eventInputSchema, req.body));
      res.status(201).json({ id: event._id.toString(), ...(await inputOf(event)) });
    },

    patchJson: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(idParams, req.params);
      const change = await updateEvent(req.principal, id, parseInput(eventPatchSchema, req.body));
      await tellCancelled(change);
      res.json({ id, ...(await inputOf(change.event)) });
    },
  };
}
