// "I would work here": the forms on a place's page and for a point on the map, my signals, and the counts' JSON.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { ListedPlaces } from '../locations/index.ts';
import { findPublishedLocation, locationRefsByIds } from '../locations/index.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { safeQuery } from '../shared/http/query.ts';
import { slugField } from '../shared/http/schema-fields.ts';
import { parseInput } from '../shared/http/validate.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import {
  demandLayerQuery,
  interestSchema,
  pointInterestSchema,
  pointSchema,
  withdrawSchema,
} from './demand.schemas.ts';
import { placeKey, type DemandPlace, type DemandService } from './demand.service.ts';
import { mayCountAnyDemand } from './demand.policy.ts';
import { FREQUENCIES, INTEREST_DAY_PARTS } from './demand.vocabulary.ts';

const slugParams = z.object({ slug: slugField() });
const EUROPE = { bbox: { west: -11, south: 35, east: 30, north: 60 }, zoom: 4 };
const formChoices = { dayParts: INTEREST_DAY_PARTS, frequencies: FREQUENCIES };

export function demandController(demand: DemandService, listed: ListedPlaces) {
  async function placeOf(req: Request) {
    const { slug } = parseInput(slugParams, req.params);
    const location = await findPublishedLocation(slug, req.readerLanguages, listed);
    const place: DemandPlace = {
      kind: 'location',
      locationId: location.id,
      networkId: location.network.id,
      lat: location.coordinates.lat,
      lng: location.coordinates.lng,
    };
    return { location, place };
  }

  const renderLocationForm = (
    res: Response,
    status: number,
    name: string,
    slug: string,
    values: object,
    errors: FormErrors,
  ) => res.status(status).render('demand/location-form', { ...formChoices, name, slug, values, errors });

  const renderPointForm = (res: Response, status: number, values: object, errors: FormErrors) =>
    res.status(status).render('demand/point-form', { ...formChoices, values, errors });

  return {
    locationForm: async (req: Request, res: Response): Promise<void> => {
      const { location, place } = await placeOf(req);
      const { mine } = await demand.interestAt(req.principal, place);
      renderLocationForm(res, 200, location.name.text, location.slug, mine ?? {}, NO_ERRORS);
    },

    locationSubmit: async (req: Request, res: Response): Promise<void> => {
      const { location, place } = await placeOf(req);
      await submitForm(
        req,
        async () => {
          await demand.sayInterest(req.principal, place, parseInput(interestSchema, req.body ?? {}));
          flash(req, 'demand:place.saved');
          res.redirect(303, `/locations/${location.slug}#interest`);
        },
        (status, errors) =>
          renderLocationForm(res, status, location.name.text, location.slug, (req.body ?? {}) as object, errors),
      );
    },

    pointForm: (req: Request, res: Response): void => {
      const asked = pointSchema.safeParse(safeQuery(req));
      renderPointForm(res, 200, asked.success ? asked.data : {}, NO_ERRORS);
    },

    pointSubmit: async (req: Request, res: Response): Promise<void> => {
      await submitForm(
        req,
        async () => {
          const { lat, lng, ...input } = parseInput(pointInterestSchema, req.body ?? {});
          await demand.sayInterest(req.principal, { kind: 'point', lat, lng }, input);
          flash(req, 'demand:point.saved');
          res.redirect(303, '/me/interest');
        },
        (status, errors) => renderPointForm(res, status, (req.body ?? {}) as object, errors),
      );
    },

    withdraw: async (req: Request, res: Response): Promise<void> => {
      const { place, back } = parseInput(withdrawSchema, req.body ?? {});
      if (await demand.withdrawInterest(req.principal, place)) flash(req, 'demand:mine.withdrawn');
      res.redirect(303, back ?? '/me/interest');
    },

    mine: async (req: Request, res: Response): Promise<void> => {
      const signals = await demand.mySignals(req.principal);
      const refs = await locationRefsByIds(signals.flatMap((s) => (s.location ? [s.location] : [])));
      const shown = signals.map((s) => {
        const ref = s.location ? refs.get(s.location.toString()) : undefined;
        const name = ref ? pickText(ref.name, ref.language, req.readerLanguages) : undefined;
        return { ...s, ...(ref?.status === 'published' ? { slug: ref.slug, name: name?.text ?? ref.slug } : {}) };
      });
      res.render('demand/mine', { signals: shown, mayCount: mayCountAnyDemand(req.principal) });
    },

    /** Demand beside supply, for those who may count it; the table is rendered for the view asked, or Europe. */
    demandMap: async (req: Request, res: Response): Promise<void> => {
      const asked = demandLayerQuery.safeParse(safeQuery(req));
      const { bbox, zoom } = asked.success ? asked.data : EUROPE;
      const view = {
        lat: ((bbox.south + bbox.north) / 2).toFixed(4),
        lng: ((bbox.west + bbox.east) / 2).toFixed(4),
        zoom,
      };
      res.render('demand/map', { cells: await demand.cells(req.principal, bbox, zoom), view });
    },

    // The API: the same, as JSON.
    apiSay: async (req: Request, res: Response): Promise<void> => {
      const { place } = await placeOf(req);
      await demand.sayInterest(req.principal, place, parseInput(interestSchema, req.body ?? {}));
      res.json(await demand.interestAt(req.principal, place));
    },

    apiWithdraw: async (req: Request, res: Response): Promise<void> => {
      const { place } = await placeOf(req);
      const withdrawn = await demand.withdrawInterest(req.principal, placeKey(place));
      res.status(withdrawn ? 204 : 404).end();
    },

    apiMine: async (req: Request, res: Response): Promise<void> => {
      const signals = await demand.mySignals(req.principal);
      res.json({
        signals: signals.map(({ place, lat, lng, dayParts, frequency, updatedAt }) => ({
          place,
          lat,
          lng,
          dayParts,
          frequency,
          updatedAt,
        })),
      });
    },

    apiLayer: async (req: Request, res: Response): Promise<void> => {
      const { bbox, zoom } = parseInput(demandLayerQuery, safeQuery(req));
      res.set('Cache-Control', 'private, no-store').json({ cells: await demand.cells(req.principal, bbox, zoom) });
    },
  };
}
