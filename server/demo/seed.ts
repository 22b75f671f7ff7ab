// Seeds an empty database with the demo networks and locations, so a fresh instance has a directory to show.
import { hasLocations, insertLocations } from '../locations/index.ts';
import { ensureNetworks } from '../networks/index.ts';
import { insertExampleEvents } from '../programmes/index.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import type { Logger } from '../shared/logging/logger.ts';
import { seedExampleAgreement } from '../access/index.ts';
import { demoLocationDocuments, demoNetworkDocuments } from './demo-documents.ts';
import { withExampleTerms } from './example-terms.ts';

export {
  demoLocationDocuments,
  demoNetworkDocuments,
  type DemoLocationDocument,
  type DemoNetworkDocument,
} from './demo-documents.ts';

/**
 * When the locations collection is empty, inserts the demo networks and all demo locations (published) in plain
 * batched inserts; returns how many of each it inserted, or undefined when there was data already.
 */
export async function seedDemoData(logger: Logger): Promise<{ networks: number; locations: number } | undefined> {
  if (await hasLocations()) {
    logger.debug('locations exist: demo data not seeded');
    return undefined;
  }
  try {
    const { ids, inserted } = await ensureNetworks(demoNetworkDocuments());
    const locations = demoLocationDocuments(ids).map(withExampleTerms);
    await insertLocations(locations);
    const [smartBe, drenthe] = [ids.get('smart-be'), ids.get('dorpshuizen-drenthe')];
    if (smartBe && drenthe) await seedExampleAgreement(smartBe, drenthe, `${new Date().getUTCFullYear()}-01-01`);
    const events = await insertExampleEvents();
    logger.info({ networks: inserted, locations: locations.length, events }, 'demo data seeded');
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
