// Emptying the database between tests: every collection, so no test depends on another's data.
import mongoose from 'mongoose';

/**
 * Collections a refused request may still see change: sessions (CSRF tokens) and rate-limit attempts, changed by
 * anyone's visit, and the directory's checkpoint, which its follower writes on its own schedule (at a random moment
 * of its first ten minutes; once inside a refused request).
 */
export const VOLATILE_COLLECTIONS: ReadonlySet<string> = new Set([
  'sessions',
  'rate_limit_attempts',
  'directory_checkpoints',
]);

export async function clearDatabase(): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const collections = await db.collections();
  await Promise.all(collections.map((c) => c.deleteMany({})));
}
