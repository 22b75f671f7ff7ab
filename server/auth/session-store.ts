// Sessions kept in the database. Expired ones are swept on a timer, because FerretDB 1.x has no TTL index.
import session from 'express-session';
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
    SessionModel.findById(sid)
      .lean()
      .then(
        (doc) =>
          callback(
            undefined,
            doc && doc.expiresAt >= new Date() ? (JSON.parse(doc.data) as session.SessionData) : null,
          ),
        (error: unknown) => callback(error),
      );
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const userId = (data as { passport?: { user?: string } }).passport?.user;
    settle(
      SessionModel.updateOne(
        { _id: sid },
        { $set: { data: JSON.stringify(data), expiresAt: this.expiry(data), userId: userId ?? null } },
        { upsert: true },
      ),
      callback,
    );
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    settle(SessionModel.updateOne({ _id: sid }, { $set: { expiresAt: this.expiry(data) } }), callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    settle(SessionModel.deleteOne({ _id: sid }), callback);
  }
}

/** Signs a person out everywhere (password change, account deletion). */
export async function destroySessionsOf(userId: string, exceptSessionId?: string): Promise<void> {
  await SessionModel.deleteMany(exceptSessionId ? { userId, _id: { $ne: exceptSessionId } } : { userId });
}
