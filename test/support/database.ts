// Emptying the database between tests: every collection, so no test depends on another's data.
import mongoose from 'mongoose';

export async function clearDatabase(): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const collections = await db.collections();
  await Promise.all(collections.map((c) => c.deleteMany({})));
}
