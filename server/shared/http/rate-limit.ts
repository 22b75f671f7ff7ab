// Fixed-window rate limits kept in the database, so every server instance shares them: one claim per attempt.
import { claimsIn } from '../db/claims.ts';
import { tooManyRequests } from '../errors/app-error.ts';

/**
 * Attempts are claims `key:windowStart:n` for n = 1..max, so concurrent attempts count exactly (`$inc` loses counts
 * on the embedded FerretDB). They have a collection of their own: refused requests write them too, and they are
 * swept. It is not the former counters' `ratelimits`, whose unique index on (key, windowStart) would refuse them.
 */
export const attempts = claimsIn('rate_limit_attempts');

export interface Limit {
  /** What is counted, e.g. `login:account:ana@example.org:from:127.0.0.1` or `login:address:127.0.0.1`. */
  key: string;
  max: number;
  windowMs: number;
}

const SWEEP_EVERY_MS = 10 * 60 * 1000;
let lastSweep = 0;

/** Counts one attempt for each limit; throws a translated 429, without counting, when any limit is reached. */
export async function consume(limits: Limit[], now = Date.now()): Promise<void> {
  if (now - lastSweep > SWEEP_EVERY_MS) {
    lastSweep = now;
    void sweepRateLimits(new Date(now)).catch(() => undefined);
  }
  for (const limit of limits) {
    const windowStart = Math.floor(now / limit.windowMs) * limit.windowMs;
    const window = `${limit.key}:${windowStart}:`;
    const expiresAt = new Date(windowStart + limit.windowMs);
    // Claims of a window are taken from 1 upwards, so the count is where a free one may start.
    let n = (await attempts.count(window)) + 1;
    while (n <= limit.max && !(await attempts.claim(`${window}${n}`, { expiresAt }))) n += 1;
    if (n > limit.max) throw tooManyRequests((expiresAt.getTime() - now) / 1000);
  }
}

/** Forgets the attempts of a key, e.g. an account's failed logins after a successful one. */
export async function reset(key: string): Promise<void> {
  await attempts.releaseAll(`${key}:`);
}

/** Windows that have ended are of no use; swept now and then since FerretDB 1.x has no TTL index. */
export async function sweepRateLimits(now = new Date()): Promise<void> {
  await attempts.sweep(now);
}
