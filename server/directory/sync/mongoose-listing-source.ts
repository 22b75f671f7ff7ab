// The directory's listings read from this instance's database through the locations' and networks' models, the way
// FerretDB 1.x is best read. Self-contained, so that it can move behind those domains' faces as it is.
import { LocationModel } from '../../locations/location.model.js';
import { NetworkModel } from '../../networks/network.model.js';
import type { ListedLocation, ListedNetwork, ListingSource } from './listing-source.js';

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
  'slug language name description type model address coordinates facilities openingHours timeZone network status updatedAt';

export function mongooseListingSource(): ListingSource {
  return {
    async *published() {
      const cursor = LocationModel.find({ status: 'published' })
        .select(LISTED_FIELDS)
        .lean()
        .cursor({ batchSize: BATCH_SIZE });
      for await (const doc of cursor) yield doc as unknown as ListedLocation;
    },

    async byIds(ids) {
      if (ids.length > LOOKUPS_PER_POLL) {
        const docs = await LocationModel.find({ _id: { $in: ids } })
          .select(LISTED_FIELDS)
          .lean();
        return docs as unknown as ListedLocation[];
      }
      const docs = await Promise.all(ids.map((id) => LocationModel.findOne({ _id: id }).select(LISTED_FIELDS).lean()));
      return docs.filter((doc) => doc !== null) as unknown as ListedLocation[];
    },

    async networks(ids) {
      const networks = await NetworkModel.find(ids ? { _id: { $in: ids } } : {})
        .select('slug name language')
        .lean();
      return networks.map((network): ListedNetwork => ({
        id: network._id.toString(),
        slug: network.slug,
        name: network.name as Record<string, string>,
        language: network.language,
      }));
    },
  };
}
