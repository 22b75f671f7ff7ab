// /manage/check-in/:location: a manager scans a pass or types its code, sees green or red with the reason, the name
// hint and the price, and confirms the visit.
import type { Request, Response } from 'express';
import type { RouteContext } from '../app-context.ts';
import type { ListedPlaces } from '../locations/index.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { parseInput } from '../shared/http/validate.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import {
  checkInPlace,
  confirmVisit,
  placeName,
  verifyPass,
  type CheckInPlace,
  type Verdict,
} from './check-in.service.ts';
import { checkInParams, presentedPass } from './passes.schemas.ts';

const pagePath = (place: CheckInPlace) => `/manage/check-in/${place.slug}`;

/** A verdict as the JSON twin answers it: the reason translated, and nothing the page keeps to itself. */
function verdictJson(req: Request, verdict: Verdict) {
  const reason = {
    code: verdict.reason.key.replace(/^passes:reason\./, ''),
    message: req.t(verdict.reason.key, verdict.reason.params ?? {}),
  };
  if (!verdict.admitted) return { admitted: false, reason, nameHint: verdict.nameHint ?? null };
  return {
    admitted: true,
    reason,
    nameHint: verdict.nameHint,
    network: { slug: verdict.network.slug, name: verdict.network.name.text },
    category: verdict.category,
    tariffCategory: verdict.tariffCategory,
    price: verdict.price ?? null,
    date: verdict.visit.date,
    dayPart: verdict.visit.dayPart,
    alreadyRecorded: verdict.alreadyRecorded,
  };
}

function render(
  req: Request,
  res: Response,
  place: CheckInPlace,
  extras: { status?: number; verdict?: Verdict; pass?: string; errors?: FormErrors } = {},
) {
  // A pass presented here is a credential: the page that holds it is not kept.
  res.set('Cache-Control', 'private, no-store');
  res.status(extras.status ?? 200).render('passes/check-in', {
    place: { slug: place.slug, name: placeName(place, req.lang) },
    verdict: extras.verdict,
    pass: extras.pass ?? '',
    errors: extras.errors ?? NO_ERRORS,
    display: formatters(req.lang),
  });
}

export function checkInController(ctx: RouteContext, listed: ListedPlaces) {
  const deps = (req: Request) => ({ issuer: ctx.config.baseUrl, terms: ctx.checkInTerms, lang: req.lang });
  const place = async (req: Request) =>
    checkInPlace(req.principal, parseInput(checkInParams, req.params).location, listed);

  return {
    page: async (req: Request, res: Response): Promise<void> => {
      render(req, res, await place(req));
    },

    verify: async (req: Request, res: Response): Promise<void> => {
      const where = await place(req);
      await submitForm(
        req,
        async () => {
          const { pass } = parseInput(presentedPass, req.body ?? {});
          render(req, res, where, { verdict: await verifyPass(req.principal, where, pass, deps(req)), pass });
        },
        (status, errors) => render(req, res, where, { status, errors }),
      );
    },

    verifyJson: async (req: Request, res: Response): Promise<void> => {
      const where = await place(req);
      const { pass } = parseInput(presentedPass, req.body ?? {});
      res
        .set('Cache-Control', 'no-store')
        .json(verdictJson(req, await verifyPass(req.principal, where, pass, deps(req))));
    },

    confirmJson: async (req: Request, res: Response): Promise<void> => {
      const where = await place(req);
      const { pass } = parseInput(presentedPass, req.body ?? {});
      const { verdict, recorded } = await confirmVisit(req.principal, where, pass, deps(req));
      res
        .status(recorded ? 201 : 200)
        .set('Cache-Control', 'no-store')
        .json({ recorded, verdict: verdictJson(req, verdict) });
    },

    confirm: async (req: Request, res: Response): Promise<void> => {
      const where = await place(req);
      await submitForm(
        req,
        async () => {
          const { pass } = parseInput(presentedPass, req.body ?? {});
          const { verdict, recorded } = await confirmVisit(req.principal, where, pass, deps(req));
          if (!verdict.admitted) {
            render(req, res, where, { verdict, pass });
            return;
          }
          flash(req, recorded ? 'passes:checkIn.recorded' : 'passes:checkIn.alreadyRecorded', {
            name: verdict.nameHint,
          });
          res.redirect(303, pagePath(where));
        },
        (status, errors) => render(req, res, where, { status, errors }),
      );
    },
  };
}
