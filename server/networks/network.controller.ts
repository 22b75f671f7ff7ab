// Network pages: the list, one network's page (about, map, how to join) and its JSON twins; asking to join;
// creating and editing a network.
import type { Request, Response } from 'express';
import type { RouteContext } from '../app-context.ts';
import { NO_NETWORK_AGREEMENTS } from './network-agreements.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { safeQuery } from '../shared/http/query.ts';
import { parseInput } from '../shared/http/validate.ts';
import { assertAllowed, mayAdministerNetwork } from '../shared/principal.ts';
import { askToJoin, networkAdminsOf, ownMembership, personById } from './membership.service.ts';
import { deliver, joinRequestMails } from './network.mail.ts';
import type { Network } from './network.model.ts';
import { display, formOptions, jsonForScript } from './network.display.ts';
import { canAskToJoin, canCreateNetwork } from './network.policy.ts';
import { joinSchema, networkFormSchema, networkFormValues, networkParams, pageQuery } from './network.schemas.ts';
import {
  createNetwork,
  findNetworkBySlug,
  listNetworks,
  networkView,
  publishedLocationsOf,
  slugFor,
  updateNetwork,
} from './network.service.ts';

const PAGE_SIZE = 50;

async function networkOf(req: Request): Promise<Network> {
  const { slug } = parseInput(networkParams, req.params);
  return findNetworkBySlug(slug);
}

interface PageExtras {
  status?: number;
  joinErrors?: FormErrors;
  joinValues?: Record<string, unknown>;
}

async function renderNetworkPage(
  ctx: Pick<RouteContext, 'networkLocations' | 'networkAgreements'>,
  req: Request,
  res: Response,
  network: Network,
  extras: PageExtras = {},
) {
  const { page } = parseInput(pageQuery, safeQuery(req));
  const published = await publishedLocationsOf(ctx.networkLocations, network._id, req.readerLanguages);
  const agreements = await (ctx.networkAgreements ?? NO_NETWORK_AGREEMENTS).liveOf(network._id.toString(), req.lang);
  const pages = Math.max(1, Math.ceil(published.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const membership = await ownMembership(req.principal, network._id);
  res.status(extras.status ?? 200).render('networks/page', {
    network: networkView(network, req.readerLanguages),
    display: display(req.lang),
    locations: published.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE),
    locationCount: published.length,
    pagination: { page: current, pages, from: (current - 1) * PAGE_SIZE + 1 },
    mapJson: jsonForScript(published.map((l) => ({ slug: l.slug, name: l.name.text, lat: l.lat, lng: l.lng }))),
    membership: membership && {
      status: membership.status,
      category: membership.category,
      networkAdmin: Boolean(membership.networkAdmin),
      managedCount: membership.managedLocations?.length ?? 0,
    },
    agreements,
    canAdminister: mayAdministerNetwork(req.principal, network._id),
    canJoin: canAskToJoin(req.principal),
    selfPath: `/networks/${network.slug}`,
    joinErrors: extras.joinErrors ?? NO_ERRORS,
    joinValues: extras.joinValues ?? {},
  });
}

function renderForm(req: Request, res: Response, status: number, locals: Record<string, unknown>): void {
  res.status(status).render('networks/form', {
    errors: NO_ERRORS,
    ...formOptions(req.lang),
    ...locals,
  });
}

export function networkController(ctx: RouteContext) {
  return {
    list: async (req: Request, res: Response): Promise<void> => {
      res.render('networks/list', {
        networks: await listNetworks(req.readerLanguages, ctx.networkLocations),
        display: display(req.lang),
        canCreate: canCreateNetwork(req.principal),
      });
    },

    listJson: async (req: Request, res: Response): Promise<void> => {
      res.json({ networks: await listNetworks(req.readerLanguages, ctx.networkLocations) });
    },

    page: async (req: Request, res: Response): Promise<void> => {
      await renderNetworkPage(ctx, req, res, await networkOf(req));
    },

    pageJson: async (req: Request, res: Response): Promise<void> => {
      const network = await networkOf(req);
      const locations = await publishedLocationsOf(ctx.networkLocations, network._id, req.readerLanguages);
      res.json({ ...networkView(network, req.readerLanguages), locations });
    },

    join: async (req: Request, res: Response): Promise<void> => {
      const network = await networkOf(req);
      assertAllowed(req.principal, canAskToJoin(req.principal));
      await submitForm(
        req,
        async () => {
          const form = parseInput(joinSchema, req.body ?? {});
          await askToJoin(req.principal, network, form.memberNumber);
          const requester = await personById(req.principal.userId!);
          const admins = await networkAdminsOf(network._id);
          if (requester) await deliver(ctx, joinRequestMails(ctx, network, requester, admins));
          flash(req, 'networks:join.requested');
          res.redirect(303, `/networks/${network.slug}`);
        },
        (status, errors) =>
          renderNetworkPage(ctx, req, res, network, {
            status,
            joinErrors: errors,
            joinValues: req.body as Record<string, unknown>,
          }),
      );
    },

    newForm: (req: Request, res: Response): void => {
      assertAllowed(req.principal, canCreateNetwork(req.principal));
      renderForm(req, res, 200, { mode: 'create', values: { language: req.lang } });
    },

    create: async (req: Request, res: Response): Promise<void> => {
      assertAllowed(req.principal, canCreateNetwork(req.principal));
      let values = req.body as Record<string, unknown>;
      await submitForm(
        req,
        async () => {
          const input = parseInput(networkFormSchema, req.body ?? {});
          // Should the slug be taken, the form shows the one that was tried, so the admin sees what to change.
          values = { ...values, slug: slugFor(input) };
          const network = await createNetwork(req.principal, input);
          flash(req, 'networks:form.created');
          res.redirect(303, `/networks/${network.slug}`);
        },
        (status, errors) => renderForm(req, res, status, { mode: 'create', values, errors }),
      );
    },

    editForm: async (req: Request, res: Response): Promise<void> => {
      const network = await networkOf(req);
      assertAllowed(req.principal, mayAdministerNetwork(req.principal, network._id));
      renderForm(req, res, 200, {
        mode: 'edit',
        network: networkView(network, req.lang),
        values: networkFormValues(network),
      });
    },

    update: async (req: Request, res: Response): Promise<void> => {
      const network = await networkOf(req);
      assertAllowed(req.principal, mayAdministerNetwork(req.principal, network._id));
      await submitForm(
        req,
        async () => {
          // The slug is not part of the edit form: it stays as it is.
          const input = parseInput(networkFormSchema, { ...(req.body as object), slug: undefined });
          await updateNetwork(req.principal, network, input);
          flash(req, 'networks:form.updated');
          res.redirect(303, `/networks/${network.slug}`);
        },
        (status, errors) =>
          renderForm(req, res, status, {
            mode: 'edit',
            network: networkView(network, req.lang),
            values: { ...(req.body as object), slug: network.slug },
            errors,
          }),
      );
    },
  };
}
