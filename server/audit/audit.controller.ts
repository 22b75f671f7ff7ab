// The audit log's pages and their JSON twin: the same reads, shown as a table or as JSON.
import type { Request, Response } from 'express';
import { formatters } from '../shared/i18n/formatters.ts';
import { pickText, type ContentText } from '../shared/i18n/content-text.ts';
import { notFound } from '../shared/errors/app-error.ts';
import { queryString, safeQuery } from '../shared/http/query.ts';
import { parseInput } from '../shared/http/validate.ts';
import type { AuditEntry } from './audit.model.ts';
import {
  assertMayAskForLog,
  instanceLog,
  networkLog,
  PAGE_SIZE,
  readableLog,
  type AuditPage,
} from './audit-log.service.ts';
import { auditQuerySchema, networkLogParams, type AuditQuery } from './audit.schemas.ts';

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
  'membership.create',
  'membership.approve',
  'membership.reject',
  'membership.update',
  'membership.remove',
  'membership.revoke',
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
  'usage.walk-in',
  'usage.check-in',
  'peer.add',
  'peer.approve',
  'peer.suspend',
  'peer.remove',
  'location.import',
  'location.photos',
  'location.status',
  'import.report',
  'agreement.propose',
  'agreement.counter',
  'agreement.accept',
  'agreement.decline',
  'agreement.suspend',
  'agreement.resume',
  'agreement.end',
  'event.create',
  'event.update',
  'event.occurrence-cancel',
  'registration.create',
  'registration.request',
  'registration.confirm',
  'registration.cancel',
  'registration.cancel-all',
  'calendar-feed.reset',
  'demand.say',
  'demand.withdraw',
] as const;
const KNOWN_ACTION_SET = new Set<string>(KNOWN_ACTIONS);
const KNOWN_ENTITY_TYPES = new Set(['location', 'network', 'membership', 'invitation', 'user', 'token', 'peer']);

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
  query: AuditQuery,
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

export const auditController = {
  /** GET /admin/audit: every entry, for instance admins. */
  instance: async (req: Request, res: Response): Promise<void> => {
    assertMayAskForLog(req.principal, 'instance');
    const query = parseInput(auditQuerySchema, safeQuery(req));
    renderLog(req, res, await instanceLog(req.principal, query), query, { title: req.t('audit:title.instance') });
  },

  /** GET /networks/:slug/audit: one network's entries, for its admins (and instance admins). */
  network: async (req: Request, res: Response): Promise<void> => {
    assertMayAskForLog(req.principal, 'network');
    const params = networkLogParams.safeParse(req.params);
    if (!params.success) throw notFound();
    const query = parseInput(auditQuerySchema, safeQuery(req));
    const { network, page } = await networkLog(req.principal, params.data.slug, query);
    const name = pickText(network.name, network.language, req.lang);
    renderLog(req, res, page, query, {
      title: req.t('audit:title.network', { network: name?.text ?? network.slug }),
      network: { slug: network.slug, name },
    });
  },

  /** GET /api/v1/audit: the JSON twin; `?network=slug` narrows to one network. */
  api: async (req: Request, res: Response): Promise<void> => {
    const query = parseInput(auditQuerySchema, safeQuery(req));
    const page = await readableLog(req.principal, query);
    res.set('Cache-Control', 'no-store');
    res.json(json(page));
  },
};
