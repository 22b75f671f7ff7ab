// Agreement pages and their JSON twins: the matrix, one agreement, proposing, answering and the later steps.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { networksByIds, MEMBERSHIP_CATEGORIES, type Network } from '../networks/index.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { safeQuery } from '../shared/http/query.ts';
import { blankToUndefined, optionalSlugField } from '../shared/http/schema-fields.ts';
import { parseInput } from '../shared/http/validate.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import { assertAllowed, adminNetworkIds, administersAnyNetwork } from '../shared/principal.ts';
import type { NetworkLocations } from '../networks/index.ts';
import { formToTerms, versionToTerms } from './agreement-form.ts';
import { agreementMatrix, agreementView, networkRefs, readableAgreementList } from './agreement-view.ts';
import { maySpeakFor } from './agreement.policy.ts';
import {
  agreementParams,
  counterSchema,
  proposalSchema,
  termsSchema,
  versionSchema,
  LIMITS,
} from './agreement.schemas.ts';
import { answer, findAgreement, propose, transition } from './agreement.service.ts';
import { ACCESS_LEVELS } from './grant-terms.ts';

const newQuery = z.object({
  from: optionalSlugField('access:validation.network'),
  partner: optionalSlugField('access:validation.partner'),
});

const versionField = z.object({
  version: z.preprocess(
    (v) => (typeof v === 'string' ? Number(v) : v),
    z.number({ error: 'validation.invalid' }).int({ error: 'validation.invalid' }).min(1),
  ),
  as: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-f0-9]{24}$/)
      .optional(),
  ),
});

const idOf = (req: Request) => parseInput(agreementParams, req.params).id;

/** The networks the principal may propose from: those they administer (every network for instance admins). */
async function ownNetworks(req: Request): Promise<Network[]> {
  const p = req.principal;
  return networksByIds(p.instanceAdmin ? undefined : adminNetworkIds(p));
}

const nameOf = (n: Network, lang: string) => pickText(n.name, n.language, lang)?.text ?? n.slug;

/** What the terms form needs of the two networks: their names and their locations to choose from. */
async function pairView(locations: NetworkLocations, pair: Network[], lang: string) {
  return Promise.all(
    pair.map(async (n) => ({
      slug: n.slug,
      name: nameOf(n, lang),
      locations: (await locations.of(n._id.toString()))
        .map((l) => ({ id: l.id, name: pickText(l.name, l.language, lang)?.text ?? l.slug }))
        .sort((x, y) => x.name.localeCompare(y.name, lang)),
    })),
  );
}

const formVocabulary = { categories: MEMBERSHIP_CATEGORIES, levels: ACCESS_LEVELS, limits: LIMITS };

const today = () => new Date().toISOString().slice(0, 10);

export function agreementController(locations: NetworkLocations) {
  async function renderNew(
    req: Request,
    res: Response,
    status: number,
    values?: Record<string, unknown>,
    errors?: FormErrors,
    chosen?: { from?: string | undefined; partner?: string | undefined },
  ) {
    const own = await ownNetworks(req);
    assertAllowed(req.principal, own.length > 0);
    const query = chosen ?? parseInput(newQuery, safeQuery(req));
    const from = own.find((n) => n.slug === query.from) ?? own[0]!;
    const others = (await networksByIds()).filter((n) => !n._id.equals(from._id));
    const partner = others.find((n) => n.slug === query.partner);
    res.status(status).render('access/new', {
      own: own.map((n) => ({ slug: n.slug, name: nameOf(n, req.lang) })),
      others: others.map((n) => ({ slug: n.slug, name: nameOf(n, req.lang) })),
      from: from.slug,
      partner: partner?.slug,
      pair: partner ? await pairView(locations, [from, partner], req.lang) : [],
      values: values ?? { grants: {} },
      defaultFrom: today(),
      errors: errors ?? NO_ERRORS,
      vocabulary: formVocabulary,
    });
  }

  async function renderCounter(
    req: Request,
    res: Response,
    status: number,
    values?: Record<string, unknown>,
    errors?: FormErrors,
  ) {
    const agreement = await findAgreement(req.principal, idOf(req));
    assertAllowed(req.principal, agreement.awaiting != null && maySpeakFor(req.principal, agreement.awaiting));
    const pair = await networksByIds(agreement.networks);
    const ordered = agreement.networks.map((id) => pair.find((n) => n._id.equals(id))!);
    const refs = await networkRefs(agreement.networks, req.lang);
    const current = agreement.versions[agreement.versions.length - 1]!;
    res.status(status).render('access/counter', {
      agreement: await agreementView(req.principal, agreement, req.lang),
      pair: await pairView(locations, ordered, req.lang),
      version: current.number,
      values: values ?? versionToTerms(current, (id) => refs.get(id)?.slug ?? ''),
      defaultFrom: today(),
      errors: errors ?? NO_ERRORS,
      vocabulary: formVocabulary,
    });
  }

  const step =
    (action: 'accept' | 'decline' | 'suspend' | 'resume' | 'end') =>
    async (req: Request, res: Response): Promise<void> => {
      const id = idOf(req);
      const { version, as } = parseInput(versionField, req.body ?? {});
      const after =
        action === 'accept' || action === 'decline'
          ? await answer(req.principal, id, { action, version })
          : await transition(req.principal, id, action, version, as);
      flash(req, `access:agreement.done.${action}`);
      res.redirect(303, `/agreements/${after._id.toString()}`);
    };

  const apiStep =
    (action: 'accept' | 'decline' | 'suspend' | 'resume' | 'end' | 'counter') =>
    async (req: Request, res: Response): Promise<void> => {
      const id = idOf(req);
      let after;
      if (action === 'counter') {
        const input = parseInput(counterSchema, req.body ?? {});
        after = await answer(req.principal, id, { action, version: input.version, terms: input });
      } else {
        const { version } = parseInput(versionSchema, req.body ?? {});
        after =
          action === 'accept' || action === 'decline'
            ? await answer(req.principal, id, { action, version })
            : await transition(req.principal, id, action, version);
      }
      res.json(await agreementView(req.principal, after, req.lang));
    };

  return {
    matrix: async (req: Request, res: Response): Promise<void> => {
      const matrix = await agreementMatrix(req.principal, req.lang);
      res.render('access/matrix', {
        matrix,
        display: formatters(req.lang),
        canPropose: administersAnyNetwork(req.principal),
      });
    },

    matrixJson: async (req: Request, res: Response): Promise<void> => {
      const matrix = await agreementMatrix(req.principal, req.lang);
      const list = await readableAgreementList(req.principal);
      res.json({
        networks: matrix.networks.map(({ slug, name }) => ({ slug, name })),
        grants: matrix.cells.map((c) => ({ agreement: c.agreement, status: c.status, ...c.grant })),
        agreements: await Promise.all(list.map((ag) => agreementView(req.principal, ag, req.lang))),
      });
    },

    page: async (req: Request, res: Response): Promise<void> => {
      const agreement = await findAgreement(req.principal, idOf(req));
      res.render('access/agreement', {
        agreement: await agreementView(req.principal, agreement, req.lang),
        display: formatters(req.lang),
      });
    },

    json: async (req: Request, res: Response): Promise<void> => {
      const agreement = await findAgreement(req.principal, idOf(req));
      res.json(await agreementView(req.principal, agreement, req.lang));
    },

    newForm: async (req: Request, res: Response): Promise<void> => renderNew(req, res, 200),

    create: async (req: Request, res: Response): Promise<void> => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const query = parseInput(newQuery, { from: body.from, partner: body.partner });
      const hosts = [query.from, query.partner].filter((s): s is string => Boolean(s));
      const values = formToTerms(req.body, hosts);
      await submitForm(
        req,
        async () => {
          const input = parseInput(proposalSchema, { ...values, from: query.from, partner: query.partner });
          const created = await propose(req.principal, input);
          flash(req, 'access:agreement.done.propose');
          res.redirect(303, `/agreements/${created._id.toString()}`);
        },
        (status, errors) => renderNew(req, res, status, values, errors, query),
      );
    },

    createJson: async (req: Request, res: Response): Promise<void> => {
      const created = await propose(req.principal, parseInput(proposalSchema, req.body ?? {}));
      res.status(201).json(await agreementView(req.principal, created, req.lang));
    },

    counterForm: async (req: Request, res: Response): Promise<void> => renderCounter(req, res, 200),

    counter: async (req: Request, res: Response): Promise<void> => {
      const agreement = await findAgreement(req.principal, idOf(req));
      const pair = await networksByIds(agreement.networks);
      const values = formToTerms(
        req.body,
        pair.map((n) => n.slug),
      );
      await submitForm(
        req,
        async () => {
          const { version } = parseInput(versionField, req.body ?? {});
          const terms = parseInput(termsSchema, values);
          const after = await answer(req.principal, agreement._id.toString(), { action: 'counter', version, terms });
          flash(req, 'access:agreement.done.counter');
          res.redirect(303, `/agreements/${after._id.toString()}`);
        },
        (status, errors) => renderCounter(req, res, status, values, errors),
      );
    },

    accept: step('accept'),
    decline: step('decline'),
    suspend: step('suspend'),
    resume: step('resume'),
    end: step('end'),

    acceptJson: apiStep('accept'),
    declineJson: apiStep('decline'),
    counterJson: apiStep('counter'),
    suspendJson: apiStep('suspend'),
    resumeJson: apiStep('resume'),
    endJson: apiStep('end'),
  };
}
