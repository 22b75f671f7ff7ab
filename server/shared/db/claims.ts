// Claims by unique key: the one way an invariant is kept under concurrent requests (see ARCHITECTURE.md).
import mongoose, { Schema, type Model } from 'mongoose';
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
  };
}

/** The lasting claims: single-use links, decisions taken once, revocations. */
export const claims = claimsIn('claims');
