// Principals of signed-in people, kept a short while: building one reads the account, its memberships and their
// networks, and FerretDB 1.x scans each of those collections to find them. Any write to a collection a principal is
// made from empties the cache (such writes are rare next to page views), so this server never serves a role that was
// changed; another server serves it for at most PRINCIPAL_TTL_MS.
import { LRUCache } from 'lru-cache';
import type { Schema } from 'mongoose';
import type { Principal, PrincipalLoader } from './principal.ts';

export const PRINCIPAL_TTL_MS = 60_000;
const MAX_PRINCIPALS = 10_000;

/** A principal, or `false` for an account that is gone: a deleted account is asked about until its session ends. */
const principals = new LRUCache<string, Principal | false>({ max: MAX_PRINCIPALS, ttl: PRINCIPAL_TTL_MS });
/** Grows each time the cache is emptied. */
let forgotten = 0;

/** `load`, answered from the cache while an answer is fresh. */
export function cachedPrincipals(load: PrincipalLoader): PrincipalLoader {
  return async (userId, via) => {
    const key = `${via}:${userId}`;
    const cached = principals.get(key);
    if (cached !== undefined) return cached || undefined;
    const generation = forgotten;
    const principal = await load(userId, via);
    // A write that emptied the cache while this one was being read may have changed what was read.
    if (generation === forgotten) principals.set(key, principal ?? false);
    return principal;
  };
}

export function forgetPrincipals(): void {
  forgotten += 1;
  principals.clear();
}

const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;

/** The mongoose plugin for a collection principals are made from: every write path empties the cache. */
export function principalSourcePlugin(schema: Schema): void {
  // Before and after: a principal read while the write runs is not kept either (see the generation above).
  const forget = () => forgetPrincipals();
  schema.pre('save', forget);
  schema.post('save', forget);
  schema.pre('insertMany', forget);
  schema.post('insertMany', forget);
  schema.pre('deleteOne', { document: true, query: false }, forget);
  schema.post('deleteOne', { document: true, query: false }, forget);
  schema.pre([...QUERY_WRITES], { document: false, query: true }, forget);
  schema.post([...QUERY_WRITES], { document: false, query: true }, forget);
}
