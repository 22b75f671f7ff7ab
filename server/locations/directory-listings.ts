// What the directory reads of the locations (its ListingSource port, answered here the way FerretDB 1.x is best read)
// and of their networks (through networks' face).
import { networksByIds } from '../networks/index.ts';
import { LocationModel, type Location } from './location.model.ts';

type ListedLocation = Location & { _id: { toString(): string } };

/**
 * Past this many locations to read at once, one `$in` query is cheaper than lookups one by one: FerretDB/SQLite
 * pushes a lookup by _id down as a scan of the table and decodes every document for `$in`, which costs about as much
 * as eleven such lookups (figures in BENCHMARKS.md and the FerretDB notes of ARCHITECTURE.md).
 */
const LOOKUPS_PER_POLL = 10;
/** A first build reads the published listings in batches of this many. */
const BATCH_SIZE = 5000;

/** The fields of a location the directory reads (also read by bench/diagnose.ts, to time the same read). */
export const LISTED_FIELDS =
  'slug language name description type model address coordinates facilities openingHours timeZone network status updatedAt photos';

/** Every published listing, changed listings by id, and networks: for the directory's change follower. */
export function directoryListings() {
  return {
    async *published(): AsyncIterable<ListedLocation> {
      const cursor = LocationModel.find({ status: 'published' })
        .select(LISTED_FIELDS)
        .lean()
        .cursor({ batchSize: BATCH_SIZE });
      for await (const doc of cursor) yield doc as unknown as ListedLocation;
    },

    async byIds(ids: readonly string[]): Promise<ListedLocation[]> {
      if (ids.length > LOOKUPS_PER_POLL) {
        const docs = await LocationModel.find({ _id: { $in: ids } })
          .select(LISTED_FIELDS)
          .lean();
        return docs as unknown as ListedLocation[];
      }
      const docs = await Promise.all(ids.map((id) => LocationModel.findOne({ _id: id }).select(LISTED_FIELDS).lean()));
      return docs.filter((doc) => doc !== null) as unknown as ListedLocation[];
    },

    async networks(ids?: readonly string[]) {
      const networks = await networksByIds(ids ? [...ids] : undefined);
      return networks.map((network) => ({
        id: network._id.toString(),
        slug: network.slug,
        name: network.name as Record<string, string>,
        language: network.language,
        ...(network.origin?.peerName ? { listedBy: network.origin.peerName } : {}),
      }));
    },
  };
}
