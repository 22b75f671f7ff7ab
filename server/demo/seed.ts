// Seeds an empty database with the demo networks and locations, so a fresh instance has a directory to show.
import type { Types } from 'mongoose';
import { LocationModel } from '../locations/location.model.js';
import { NetworkModel } from '../networks/index.js';
import type { Logger } from '../shared/logging/logger.js';
import { demoLocationDocuments, demoNetworkDocuments } from './demo-documents.js';

export {
  demoLocationDocuments,
  demoNetworkDocuments,
  type DemoLocationDocument,
  type DemoNetworkDocument,
} from './demo-documents.js';

const BATCH_SIZE = 500;

const isDuplicateKey = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;

/** Reuses demo networks that already exist (by slug) and inserts the others; returns the ids by slug. */
async function ensureNetworks(): Promise<{ ids: Map<string, Types.ObjectId>; inserted: number }> {
  const wanted = demoNetworkDocuments();
  const ids = new Map<string, Types.ObjectId>();
  for (const { slug } of wanted) {
    // One plain lookup per slug: the connection sanitises filters, so no query operator is needed or wanted.
    const existing = await NetworkModel.findOne({ slug }).select({ _id: 1 }).lean();
    if (existing) ids.set(slug, existing._id);
  }
  const missing = wanted.filter((network) => !ids.has(network.slug));
  if (missing.length > 0) await NetworkModel.insertMany(missing);
  for (const network of missing) ids.set(network.slug, network._id);
  return { ids, inserted: missing.length };
}

/**
 * When the locations collection is empty, inserts the demo networks and all demo locations (published) in plain
 * batched inserts; returns how many of each it inserted, or undefined when there was data already.
 */
export async function seedDemoData(logger: Logger): Promise<{ networks: number; locations: number } | undefined> {
  if (await LocationModel.exists({})) {
    logger.debug('locations exist: demo data not seeded');
    return undefined;
  }
  try {
    const { ids, inserted } = await ensureNetworks();
    const locations = demoLocationDocuments(ids);
    for (let start = 0; start < locations.length; start += BATCH_SIZE) {
      await LocationModel.insertMany(locations.slice(start, start + BATCH_SIZE));
    }
    logger.info({ networks: inserted, locations: locations.length }, 'demo data seeded');
    return { networks: inserted, locations: locations.length };
  } catch (error) {
    // Another instance starting on the same empty database got there first; its seed stands.
    if (isDuplicateKey(error)) {
      logger.warn('demo data is being seeded by another process');
      return undefined;
    }
    throw error;
  }
}
