// Fixed-window rate limits counted in the database, so every server instance shares them.
import mongoose, { Schema } from 'mongoose';
import { tooManyRequests } from '../errors/app-error.ts';

const rateLimitSchema = new Schema(
  {
    key: { type: String, required: true },
    windowStart: { type: Date, required: true },
    count: { type: Number, default: 0 },
  },
  { versionKey: false },
);
rateLimitSchema.index({ key: 1, windowStart: 1 }, { unique: true });

export const RateLimitModel = mongoose.model('RateLimit', rateLimitSchema);

export interface Limit {
  /** What is counted, e.g. `login:account:ana@example.org` or `login:address:127.0.0.1`. */
  key: string;
  max: number;
  windowMs: number;
}

/** Counts one attempt for each limit; throws a translated 429 when any is exceeded. */
export async function consume(limits: Limit[], now = Date.now()): Promise<void> {
  for (const limit of limits) {
    const windowStart = new Date(Math.floor(now / limit.windowMs) * limit.windowMs);
    const doc = await RateLimitModel.findOneAndUpdate(
      { key: limit.key, windowStart },
      { $inc: { count: 1 } },
      { upsert: true, returnDocument: 'after' },
    ).lean();
    if (doc && doc.count > limit.max) {
      throw tooManyRequests((windowStart.getTime() + limit.windowMs - now) / 1000);
    }
  }
}

/** Forgets the attempts of a key, e.g. an account's failed logins after a successful one. */
export async function reset(key: string): Promise<void> {
  await RateLimitModel.deleteMany({ key });
}

/** Old windows are of no use; removed on a timer since FerretDB 1.x has no TTL index. */
export async function sweepRateLimits(olderThanMs = 24 * 3600 * 1000): Promise<void> {
  await RateLimitModel.deleteMany({ windowStart: { $lt: new Date(Date.now() - olderThanMs) } });
}
