// Published locations read in batches for exports: a few by id, many by one walk of the collection.
import { LocationModel, type Location } from './location.model.ts';

/** Up to this many ids are read by `$in`; more by walking every published location once. */
const BY_ID_LIMIT = 1000;
const BATCH = 500;

/**
 * The published locations among `ids` (`count` of them), one at a time, without holding them all. On FerretDB 1.x
 * every lookup scans the collection, so a large selection is one scan of the published locations with the ids kept
 * as a set (the strings the directory already holds), in the collection's order; a small one is read by id in
 * batches, in the order given.
 */
export async function* publishedLocationsAmong(ids: Iterable<string>, count: number): AsyncGenerator<Location> {
  if (count <= BY_ID_LIMIT) {
    let batch: string[] = [];
    const flush = async function* () {
      const found = await LocationModel.find({ _id: { $in: batch }, status: 'published' }).lean<Location[]>();
      const byId = new Map(found.map((l) => [l._id.toString(), l]));
      for (const id of batch) {
        const location = byId.get(id);
        if (location) yield location;
      }
      batch = [];
    };
    for (const id of ids) {
      batch.push(id);
      if (batch.length === BATCH) yield* flush();
    }
    if (batch.length) yield* flush();
    return;
  }
  const wanted = new Set(ids);
  const cursor = LocationModel.find({ status: 'published' }).lean<Location[]>().cursor({ batchSize: BATCH });
  for await (const location of cursor as AsyncIterable<Location>) {
    if (wanted.has(location._id.toString())) yield location;
  }
}
