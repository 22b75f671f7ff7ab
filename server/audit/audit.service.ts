// Recording writes in the audit log: the one call every write makes, with only the fields that changed.
import { isDeepStrictEqual } from 'node:util';
import type { Types } from 'mongoose';
import { isDatabaseUnavailable } from '../shared/db/unavailable.ts';
import type { Principal } from '../shared/principal.ts';
import { AuditModel, type AuditEntry } from './audit.model.ts';

type Plain = Record<string, unknown>;

/** Secrets never enter the log. */
const HIDDEN = new Set(['passwordHash', 'tokenHash', '__v', 'updatedAt', 'createdAt']);

function plain(value: unknown): Plain {
  if (!value || typeof value !== 'object') return {};
  const object = JSON.parse(JSON.stringify(value)) as Plain;
  for (const key of HIDDEN) delete object[key];
  return object;
}

/** The fields whose values differ, as two objects: before and after. */
export function changedFields(before: unknown, after: unknown): { before: Plain; after: Plain } {
  const a = plain(before);
  const b = plain(after);
  const out = { before: {} as Plain, after: {} as Plain };
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!isDeepStrictEqual(a[key], b[key])) {
      if (key in a) out.before[key] = a[key];
      if (key in b) out.after[key] = b[key];
    }
  }
  return out;
}

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string;
  networkId?: string | { toString(): string };
  before?: unknown;
  after?: unknown;
}

function auditFields(principal: Principal, event: AuditEvent) {
  const diff = changedFields(event.before, event.after);
  return {
    at: new Date(),
    actor: principal.userId,
    actorKind: principal.kind === 'system' ? ('system' as const) : ('user' as const),
    via: principal.via,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    network: event.networkId?.toString(),
    before: diff.before,
    after: diff.after,
  };
}

export async function recordAudit(principal: Principal, event: AuditEvent): Promise<void> {
  await AuditModel.create(auditFields(principal, event));
}

/**
 * Records a write's audit entries, then makes the write, so that a stored write always has its entries: without
 * transactions, the other order left a write stored and published without them whenever the database went away
 * between the two. A write refused outright (a duplicate key, say) takes its entries back; one cut off by the
 * database going away keeps them, since it may have been stored: an entry whose write is missing can be told by
 * looking at the record, a write without its entry could not.
 */
export async function auditedWrite<T>(principal: Principal, events: AuditEvent[], write: () => Promise<T>): Promise<T> {
  const ids: Types.ObjectId[] = [];
  for (const event of events) ids.push((await AuditModel.create(auditFields(principal, event)))._id);
  try {
    return await write();
  } catch (error) {
    if (ids.length > 0 && !isDatabaseUnavailable(error)) {
      await AuditModel.deleteMany({ _id: { $in: ids } }).catch(() => undefined);
    }
    throw error;
  }
}

/** Every entry the person made, oldest first, for the download of their data. */
export async function auditEntriesByActor(userId: string): Promise<AuditEntry[]> {
  return AuditModel.find({ actor: userId }).sort({ at: 1, _id: 1 }).lean<AuditEntry[]>();
}

/** Entries about a deleted account itself (sign-up, profile changes) named the person: their name and address go. */
export async function forgetPersonInAudit(userId: string): Promise<void> {
  await AuditModel.updateMany(
    { entityType: 'user', entityId: userId },
    { $unset: { 'before.name': 1, 'before.email': 1, 'after.name': 1, 'after.email': 1 } },
  );
}
