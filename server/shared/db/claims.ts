// Claims by unique key: the one way an invariant is kept under concurrent requests (see ARCHITECTURE.md).
import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import mongoose, { Schema, type Model } from 'mongoose';
import { serviceUnavailable } from '../errors/app-error.ts';
import { isDuplicateKey } from './duplicate-key.ts';

/**
 * A claim document: its `_id` is the claim key, so the insert is checked by the unique `_id` index, the only write
 * the embedded FerretDB applies atomically (a conditional update or `$inc` is read, then written, and concurrent
 * ones all win or lose counts).
 */
export interface ClaimDoc {
  _id: string;
  /** Who claimed: how a retry of the same operation is recognised (compare it with `holder(key)`). */
  owner?: string;
  at: Date;
  /** When set, `sweep` removes the claim after this moment (FerretDB 1.x has no TTL index). */
  expiresAt?: Date;
}

export interface ClaimOptions {
  owner?: string;
  expiresAt?: Date;
}

export interface Claims {
  /** True when this caller won the key (the insert succeeded); false when it is taken. */
  claim(key: string, options?: ClaimOptions): Promise<boolean>;
  /** Gives a key back, on cancellation or when the work it guarded failed; with `owner`, only that owner's claim. */
  release(key: string, owner?: string): Promise<void>;
  /** Gives back every key that starts with `prefix`. */
  releaseAll(prefix: string): Promise<void>;
  /** The claim holding a key, if any: a loser whose `owner` it is retries its own operation. */
  holder(key: string): Promise<ClaimDoc | null>;
  /** How many keys starting with `prefix` are held. */
  count(prefix: string): Promise<number>;
  /** Removes claims past their `expiresAt`. */
  sweep(now?: Date): Promise<void>;
  /**
   * Runs `work` holding `key` as a short lock, for a check and a write that must not interleave with another's (a
   * network's admins counted before one is demoted). Waits while another holds it; a lock past its expiry (its holder
   * died) is taken over. Past `waitMs` the request is answered "busy" (503).
   */
  hold<T>(key: string, work: () => Promise<T>, options?: { ttlMs?: number; waitMs?: number }): Promise<T>;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Claims kept in one collection. Lasting claims (single use, decisions) live in `claims`; short-lived, swept ones
 * that refused requests also write (rate limits) live in a collection of their own, so a test can still prove that
 * a refused request changed no lasting claim.
 */
export function claimsIn(collection: string): Claims {
  const schema = new Schema<ClaimDoc>(
    { _id: { type: String, required: true }, owner: String, at: { type: Date, required: true }, expiresAt: Date },
    { versionKey: false, collection },
  );
  const model: Model<ClaimDoc> =
    (mongoose.models[collection] as Model<ClaimDoc> | undefined) ?? mongoose.model<ClaimDoc>(collection, schema);
  const byPrefix = (prefix: string) => ({ _id: { $regex: `^${escapeRegExp(prefix)}` } });
  return {
    async claim(key, options = {}) {
      try {
        await model.create({ _id: key, at: new Date(), ...options });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    async release(key, owner) {
      await model.deleteOne({ _id: key, ...(owner === undefined ? {} : { owner }) });
    },
    async releaseAll(prefix) {
      await model.deleteMany(byPrefix(prefix));
    },
    holder: (key) => model.findById(key).lean<ClaimDoc>().exec(),
    count: (prefix) => model.countDocuments(byPrefix(prefix)).exec(),
    async sweep(now = new Date()) {
      await model.deleteMany({ expiresAt: { $lt: now } });
    },
    async hold(key, work, { ttlMs = 10_000, waitMs = 5000 } = {}) {
      const owner = randomUUID();
      const deadline = Date.now() + waitMs;
      while (!(await this.claim(key, { owner, expiresAt: new Date(Date.now() + ttlMs) }))) {
        const holder = await this.holder(key);
        if (holder?.expiresAt && holder.expiresAt.getTime() < Date.now()) {
          // Only that holder's claim: another waiter may have taken it over meanwhile.
          await this.release(key, holder.owner);
          continue;
        }
        if (Date.now() > deadline) throw serviceUnavailable();
        await setTimeout(LOCK_RETRY_MS);
      }
      try {
        return await work();
      } finally {
        await this.release(key, owner);
      }
    },
  };
}

const LOCK_RETRY_MS = 20;

/** The lasting claims: single-use links, decisions taken once, revocations. */
export const claims = claimsIn('claims');
