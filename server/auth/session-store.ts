// Sessions kept in the database. Expired ones are swept on a timer, because FerretDB 1.x has no TTL index. Sessions in
// use are also kept in memory a short while: FerretDB 1.x scans the whole sessions collection to find one by _id, and
// express-session reads the session on every request and renews its expiry after it.
import session from 'express-session';
import { LRUCache } from 'lru-cache';
import mongoose, { Schema } from 'mongoose';

const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    data: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    userId: String,
  },
  { versionKey: false },
);
sessionSchema.index({ expiresAt: 1 });
sessionSchema.index({ userId: 1 });

export const SessionModel = mongoose.model('Session', sessionSchema);

const DAY_MS = 24 * 3600 * 1000;
/** How long a session read from the database is believed: a sign-out on another server reaches this one after it. */
export const SESSION_MEMORY_MS = 5 * 60_000;
/** The stored expiry is renewed only once it is this much behind: a two-week session loses at most an hour. */
const RENEW_AFTER_MS = 3600 * 1000;

interface RecentSession {
  data: string;
  expiresAt: number;
  userId: string | undefined;
}

/** A session ended here: a write of it still under way must not bring it back. */
const ENDED = 'ended';

/** The last write of each session still under way. */
const writing = new Map<string, Promise<unknown>>();

/**
 * Runs a session's writes one after another, in the order they were asked for: two saves of one session at once (a
 * redirect's and the next page's) would otherwise land in either order, and the older could win, in the database and
 * in memory.
 */
function inTurn(sid: string, write: () => Promise<unknown>): Promise<unknown> {
  const previous = writing.get(sid) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(write);
  writing.set(sid, next);
  const forget = () => {
    if (writing.get(sid) === next) writing.delete(sid);
  };
  next.then(forget, forget);
  return next;
}

/** Sessions read or written lately, by id; shared by every store of the process, so destroySessionsOf reaches them. */
const recent = new LRUCache<string, RecentSession | typeof ENDED>({ max: 20_000, ttl: SESSION_MEMORY_MS });

type Callback<T = void> = (error?: unknown, value?: T) => void;

/** Session writes still under way; express-session may answer before they finish (see drainSessionWrites). */
const inFlight = new Set<PromiseLike<unknown>>();

/** Waits for session writes under way, so a shutdown does not close the database beneath them. */
export async function drainSessionWrites(): Promise<void> {
  await Promise.allSettled([...inFlight]);
}

/** express-session's store interface takes callbacks; mongoose gives promises. */
function settle(query: PromiseLike<unknown>, callback: Callback | undefined): void {
  // A mongoose query runs on every then(): one promise, so it runs once.
  const work = Promise.resolve(query);
  inFlight.add(work);
  work.then(
    () => inFlight.delete(work),
    () => inFlight.delete(work),
  );
  work.then(
    () => callback?.(),
    (error: unknown) => callback?.(error),
  );
}

export class DatabaseSessionStore extends session.Store {
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 10 * 60 * 1000) {
    super();
    this.sweeper = setInterval(() => void this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  async sweep(): Promise<void> {
    await SessionModel.deleteMany({ expiresAt: { $lt: new Date() } }).catch(() => undefined);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private expiry(data: session.SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + DAY_MS);
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const known = recent.get(sid);
    const read: Promise<RecentSession | undefined> = known
      ? Promise.resolve(known === ENDED ? undefined : known)
      : SessionModel.findById(sid)
          .lean()
          .then((doc) => {
            if (!doc) return undefined;
            const found = { data: doc.data, expiresAt: doc.expiresAt.getTime(), userId: doc.userId ?? undefined };
            // Unless a write or an end of this session came first: it is newer than what was read.
            if (!recent.has(sid)) recent.set(sid, found);
            return found;
          });
    read.then(
      (found) =>
        callback(
          undefined,
          found && found.expiresAt >= Date.now() ? (JSON.parse(found.data) as session.SessionData) : null,
        ),
      (error: unknown) => callback(error),
    );
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const userId = (data as { passport?: { user?: string } }).passport?.user;
    const stored = { data: JSON.stringify(data), expiresAt: this.expiry(data), userId };
    // Forgotten until written: a read meanwhile goes to the database, which holds the older or the newer session.
    recent.delete(sid);
    const write = inTurn(sid, () =>
      SessionModel.updateOne(
        { _id: sid },
        { $set: { data: stored.data, expiresAt: stored.expiresAt, userId: userId ?? null } },
        { upsert: true },
      ).then(() => {
        if (recent.get(sid) !== ENDED) recent.set(sid, { ...stored, expiresAt: stored.expiresAt.getTime() });
      }),
    );
    settle(write, callback);
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    const expiresAt = this.expiry(data);
    const known = recent.get(sid);
    if (known === ENDED || (known && expiresAt.getTime() - known.expiresAt < RENEW_AFTER_MS)) {
      callback?.();
      return;
    }
    const write = inTurn(sid, () => SessionModel.updateOne({ _id: sid }, { $set: { expiresAt } })).then(() => {
      if (known && recent.get(sid) === known) recent.set(sid, { ...known, expiresAt: expiresAt.getTime() });
    });
    settle(write, callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    recent.set(sid, ENDED);
    settle(
      inTurn(sid, () => SessionModel.deleteOne({ _id: sid })),
      callback,
    );
  }
}

/** Signs a person out everywhere (password change, account deletion). */
export async function destroySessionsOf(userId: string, exceptSessionId?: string): Promise<void> {
  for (const [sid, known] of recent.entries()) {
    if (known !== ENDED && known.userId === userId && sid !== exceptSessionId) recent.set(sid, ENDED);
  }
  await SessionModel.deleteMany(exceptSessionId ? { userId, _id: { $ne: exceptSessionId } } : { userId });
}
