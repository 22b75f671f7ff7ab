// Reading the audit log: the instance's and a network's pages, and their JSON twin, all through the read policy.
import type { Request, Response } from 'express';
import { formatters } from '../shared/i18n/formatters.js';
import type { QueryFilter } from 'mongoose';
import { z } from 'zod';
import { UserModel } from '../auth/index.js';
import { pickText, type ContentText } from '../shared/i18n/content-text.js';
import type { LanguageMap } from '../shared/db/language-map.js';
import { NetworkModel } from '../networks/index.js';
import { notFound } from '../shared/errors/app-error.js';
import { queryString, safeQuery } from '../shared/http/query.js';
import { parseInput } from '../shared/http/validate.js';
import { assertAllowed, type Principal } from '../shared/principal.js';
import { AuditModel, type AuditEntry } from './audit.model.js';
import { auditReadFilter, networkAuditFilter } from './audit.policy.js';

export const PAGE_SIZE = 50;
const MAX_PAGE = 10_000;

/** Actions with a translated label (`audit:actions.<action>`); others are shown as they are stored. */
export const KNOWN_ACTIONS = [
  'location.create',
  'location.update',
  'location.publish',
  'location.unpublish',
  'location.archive',
  'network.create',
  'network.update',
  'membership.request',
  'membership.approve',
  'membership.reject',
  'membership.update',
  'membership.remove',
  'membership.delete',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'user.create',
  'user.update',
  'user.roles',
  'user.password-change',
  'user.password-reset',
  'user.delete',
  'token.create',
  'token.revoke',
] as const;
const KNOWN_ACTION_SET = new Set<string>(KNOWN_ACTIONS);
const KNOWN_ENTITY_TYPES = new Set(['location', 'network', 'membership', 'invitation', 'user', 'token']);

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

const listQuery = z.object({
  action: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: 'audit:validation.action' })
      .regex(/^[a-z][a-zA-Z0-9._-]{0,63}$/, { error: 'audit:validation.action' })
      .optional(),
  ),
  entity: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: 'audit:validation.entity' })
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, { error: 'audit:validation.entity' })
      .optional(),
  ),
  page: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: 'validation.page' })
      .int({ error: 'validation.page' })
      .min(1, { error: 'validation.page' })
      .max(MAX_PAGE, { error: 'validation.page' })
      .default(1),
  ),
  network: z.preprocess(
    emptyToUndefined,
    z
      .string({ error: 'validation.network' })
      .regex(/^[a-z0-9-]{1,100}$/, { error: 'validation.network' })
      .optional(),
  ),
});
type ListQuery = z.output<typeof listQuery>;

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Actor {
  id?: string;
  name: string;
  deleted: boolean;
  system: boolean;
}

interface AuditPage {
  entries: (AuditEntry & { actorView: Actor; networkSlug?: string })[];
  page: number;
  hasNext: boolean;
}

/** One page of entries the principal may read, newest first; `scope` is already the policy's filter. */
async function readEntries(scope: QueryFilter<AuditEntry>, query: ListQuery): Promise<AuditPage> {
  const filter: QueryFilter<AuditEntry> = { ...scope };
  if (query.action) filter.action = { $regex: `^${escapeRegExp(query.action)}` };
  if (query.entity) filter.entityId = query.entity;
  const found = await AuditModel.find(filter)
    .sort({ at: -1, _id: -1 })
    .skip((query.page - 1) * PAGE_SIZE)
    .limit(PAGE_SIZE + 1)
    .lean<AuditEntry[]>();
  const entries = found.slice(0, PAGE_SIZE);
  const actorIds = [...new Set(entries.flatMap((e) => (e.actor ? [e.actor.toString()] : [])))];
  const networkIds = [...new Set(entries.flatMap((e) => (e.network ? [e.network.toString()] : [])))];
  const [users, networks] = await Promise.all([
    actorIds.length
      ? UserModel.find({ _id: { $in: actorIds } })
          .select('name pseudonym deletedAt')
          .lean()
      : [],
    networkIds.length
      ? NetworkModel.find({ _id: { $in: networkIds } })
          .select('slug')
          .lean()
      : [],
  ]);
  const userById = new Map(users.map((u) => [u._id.toString(), u]));
  const slugById = new Map(networks.map((n) => [n._id.toString(), n.slug]));
  return {
    page: query.page,
    hasNext: found.length > PAGE_SIZE,
    entries: entries.map((e) => {
      const user = e.actor ? userById.get(e.actor.toString()) : undefined;
      const actorView: Actor =
        e.actorKind === 'system'
          ? { name: 'system', deleted: false, system: true }
          : {
              id: e.actor?.toString(),
              // A deleted account is shown by its pseudonym only, whatever its record still says.
              name: user ? (user.deletedAt ? user.pseudonym : user.name) : '',
              deleted: !user || Boolean(user.deletedAt),
              system: false,
            };
      return { ...e, actorView, networkSlug: e.network ? slugById.get(e.network.toString()) : undefined };
    }),
  };
}

/** A value as one short line of text; the view escapes it. */
function compact(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function changes(entry: AuditEntry): { field: string; before?: string; after?: string }[] {
  const before = (entry.before ?? {}) as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].map((field) => ({
    field,
    before: field in before ? compact(before[field]) : undefined,
    after: field in after ? compact(after[field]) : undefined,
  }));
}

function rowsFor(req: Request, page: AuditPage) {
  const when = formatters(req.lang);
  return page.entries.map((e) => ({
    id: e._id.toString(),
    at: e.at.toISOString(),
    atText: when.dateTime(e.at),
    actor: e.actorView.system
      ? req.t('audit:actor.system')
      : e.actorView.name || req.t('audit:actor.unknown', { id: e.actorView.id ?? '' }),
    actorDeleted: e.actorView.deleted && !e.actorView.system,
    via: e.via,
    action: e.action,
    actionLabel: KNOWN_ACTION_SET.has(e.action) ? req.t(`audit:actions.${e.action}`) : e.action,
    entityType: e.entityType,
    entityLabel: KNOWN_ENTITY_TYPES.has(e.entityType) ? req.t(`audit:entities.${e.entityType}`) : e.entityType,
    entityId: e.entityId,
    networkSlug: e.networkSlug,
    changes: changes(e),
  }));
}

function renderLog(
  req: Request,
  res: Response,
  page: AuditPage,
  query: ListQuery,
  heading: { title: string; network?: { slug: string; name?: ContentText } },
): void {
  const keys = ['action', 'entity', 'page'] as const;
  const state = { action: query.action, entity: query.entity };
  res.render('audit/log', {
    heading,
    rows: rowsFor(req, page),
    filters: { action: query.action ?? '', entity: query.entity ?? '' },
    knownActions: KNOWN_ACTIONS,
    page: page.page,
    previousUrl: page.page > 1 ? req.path + queryString(state, keys, { page: page.page - 1 }) : undefined,
    nextUrl: page.hasNext ? req.path + queryString(state, keys, { page: page.page + 1 }) : undefined,
    resetUrl: req.path,
  });
}

async function networkBySlug(slug: string) {
  const network = await NetworkModel.findOne({ slug }).select('slug language name').lean();
  if (!network) throw notFound();
  return network;
}

function json(page: AuditPage) {
  return {
    page: page.page,
    perPage: PAGE_SIZE,
    nextPage: page.hasNext ? page.page + 1 : null,
    entries: page.entries.map((e) => ({
      id: e._id.toString(),
      at: e.at.toISOString(),
      actor: e.actorView.system
        ? { kind: 'system' }
        : { kind: 'user', id: e.actorView.id ?? null, name: e.actorView.name || null, deleted: e.actorView.deleted },
      via: e.via,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      network: e.networkSlug ?? null,
      before: (e.before as unknown) ?? {},
      after: (e.after as unknown) ?? {},
    })),
  };
}

/** The filter for the API: a named network for its admins, else everything the principal may read. */
async function apiScope(p: Principal, networkSlug: string | undefined): Promise<QueryFilter<AuditEntry>> {
  // Anonymous and people without any right to the log are refused before the network is even looked up.
  const readable = auditReadFilter(p);
  assertAllowed(p, readable !== undefined);
  if (!networkSlug) return readable!;
  const network = await networkBySlug(networkSlug);
  const scope = networkAuditFilter(p, network._id);
  assertAllowed(p, scope !== undefined);
  return scope!;
}

export const auditController = {
  /** GET /admin/audit: every entry, for instance admins. */
  instance: async (req: Request, res: Response): Promise<void> => {
    assertAllowed(req.principal, req.principal.kind === 'user' && req.principal.instanceAdmin);
    const query = parseInput(listQuery, safeQuery(req));
    const page = await readEntries(auditReadFilter(req.principal)!, query);
    renderLog(req, res, page, query, { title: req.t('audit:title.instance') });
  },

  /** GET /networks/:slug/audit: one network's entries, for its admins (and instance admins). */
  network: async (req: Request, res: Response): Promise<void> => {
    assertAllowed(req.principal, req.principal.kind === 'user');
    const params = slugParams.safeParse(req.params);
    if (!params.success) throw notFound();
    const { slug } = params.data;
    const query = parseInput(listQuery, safeQuery(req));
    const network = await networkBySlug(slug);
    const scope = networkAuditFilter(req.principal, network._id);
    assertAllowed(req.principal, scope !== undefined);
    const page = await readEntries(scope!, query);
    const name = pickText(network.name as LanguageMap, network.language, req.lang);
    renderLog(req, res, page, query, {
      title: req.t('audit:title.network', { network: name?.text ?? network.slug }),
      network: { slug: network.slug, name },
    });
  },

  /** GET /api/v1/audit: the JSON twin; `?network=slug` narrows to one network. */
  api: async (req: Request, res: Response): Promise<void> => {
    const query = parseInput(listQuery, safeQuery(req));
    const scope = await apiScope(req.principal, query.network);
    res.set('Cache-Control', 'no-store');
    res.json(json(await readEntries(scope, query)));
  },
};
