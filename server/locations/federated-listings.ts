// What federation reads and writes of the locations: every id (a new feed's backfill), whole listings by id (a feed
// page, one `$in`), and the listings followed from peers, which only federation's follower writes.
import type { Types } from 'mongoose';
import { LocationModel, type Location } from './location.model.ts';

const BATCH_SIZE = 5000;

export type FederatedLocation = Location & {
  origin?: { peer: Types.ObjectId; remoteId: string; url?: string; staleSince?: Date };
};

export async function* allLocationIds(): AsyncIterable<string[]> {
  let batch: string[] = [];
  for await (const doc of LocationModel.find({}).select('_id').lean().cursor({ batchSize: BATCH_SIZE })) {
    batch.push(String(doc._id));
    if (batch.length === BATCH_SIZE) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export async function locationsByIds(ids: readonly string[]): Promise<FederatedLocation[]> {
  if (ids.length === 0) return [];
  return LocationModel.find({ _id: { $in: ids } }).lean<FederatedLocation[]>();
}

/** The listings followed from one peer (a small share of the collection; read when a peer is removed or goes stale). */
export async function locationsFollowedFrom(peerId: string): Promise<FederatedLocation[]> {
  return LocationModel.find({ 'origin.peer': peerId }).lean<FederatedLocation[]>();
}

/** Creates or replaces a followed listing by its local id (the follower derives ids from the peer's). */
export async function saveFollowedLocation(id: string, fields: Record<string, unknown>): Promise<void> {
  const existing = await LocationModel.findById(id).select('_id origin').lean<FederatedLocation>();
  if (existing && !existing.origin) throw new Error('refusing to overwrite a local listing');
  if (existing) await LocationModel.replaceOne({ _id: id }, { ...fields, _id: id }, { runValidators: true });
  else await LocationModel.create({ ...fields, _id: id });
}

export async function deleteFollowedLocations(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await LocationModel.deleteMany({ _id: { $in: ids }, origin: { $exists: true } });
  return result.deletedCount;
}

export async function markFollowedLocationsStale(ids: string[], since: Date | undefined): Promise<void> {
  if (ids.length === 0) return;
  await LocationModel.updateMany(
    { _id: { $in: ids }, origin: { $exists: true } },
    since ? { $set: { 'origin.staleSince': since } } : { $unset: { 'origin.staleSince': 1 } },
  );
}
