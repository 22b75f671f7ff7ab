// Reading the audit log through the read policy: the instance's, a network's, or all a principal may read.
import type { QueryFilter } from 'mongoose';
import { actorsByIds } from '../auth/index.ts';
import { findNetworkBySlug, networksByIds, type Network } from '../networks/index.ts';
import { assertAllowed, type Principal } from '../shared/principal.ts';
import { AuditModel, type AuditEntry } from './audit.model.ts';
import { auditReadFilter, networkAuditFilter } from './audit.policy.ts';
import type { AuditQuery } from './audit.schemas.ts';

export const PAGE_SIZE = 50;

export interface Actor {
  id?: string;
  name: string;
  deleted: boolean;
  system: boolean;
}

export interface AuditPage {
  entries: (AuditEntry & { actorView: Actor; networkSlug?: string })[];
  page: number;
  hasNext: boolean;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One page of entries, newest first; `scope` is already the policy's filter. */
async function readEntries(scope: QueryFilter<AuditEntry>, query: AuditQuery): Promise<AuditPage> {
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
  const [actors, networks] = await Promise.all([actorsByIds(actorIds), networksByIds(networkIds)]);
  const slugById = new Map(networks.map((n) => [n._id.toString(), n.slug]));
  return {
    page: query.page,
    hasNext: found.length > PAGE_SIZE,
    entries: entries.map((e) => {
      const actor = e.actor ? actors.get(e.actor.toString()) : undefined;
      const actorView: Actor =
        e.actorKind === 'system'
          ? { name: 'system', deleted: false, system: true }
          : { id: e.actor?.toString(), name: actor?.name ?? '', deleted: !actor || actor.deleted, system: false };
      return { ...e, actorView, networkSlug: e.network ? slugById.get(e.network.toString()) : undefined };
    }),
  };
}

/** The instance's log is for instance admins, a network's for signed-in people (then for its admins). */
export function assertMayAskForLog(p: Principal, of: 'instance' | 'network'): void {
  assertAllowed(p, p.kind === 'user' && (of === 'network' || p.instanceAdmin));
}

/** Every entry, for instance admins. */
export async function instanceLog(p: Principal, query: AuditQuery): Promise<AuditPage> {
  assertMayAskForLog(p, 'instance');
  return readEntries(auditReadFilter(p)!, query);
}

/** One network's entries, for its admins (and instance admins). */
export async function networkLog(
  p: Principal,
  slug: string,
  query: AuditQuery,
): Promise<{ network: Network; page: AuditPage }> {
  assertMayAskForLog(p, 'network');
  const network = await findNetworkBySlug(slug);
  const scope = networkAuditFilter(p, network._id);
  assertAllowed(p, scope !== undefined);
  return { network, page: await readEntries(scope!, query) };
}

/** For the API: the named network's entries for its admins, else everything the principal may read. */
export async function readableLog(p: Principal, query: AuditQuery): Promise<AuditPage> {
  // Anonymous and people without any right to the log are refused before the network is even looked up.
  const readable = auditReadFilter(p);
  assertAllowed(p, readable !== undefined);
  if (!query.network) return readEntries(readable!, query);
  return (await networkLog(p, query.network, query)).page;
}
