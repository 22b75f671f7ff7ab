// Test data built per test from the committed real datasets: demo networks and CGET/seed places, adapted as a test needs.
import { LocationModel } from '../../server/locations/location.model.ts';
import { NetworkModel } from '../../server/networks/network.model.ts';
import { demoLocationDocuments, demoNetworkDocuments, type DemoLocationDocument } from '../../server/demo/seed.ts';
import { loadPlaceNames } from '../../server/directory/index.ts';
import type { Types } from 'mongoose';

export type LocationOverrides = Partial<Omit<DemoLocationDocument, 'network'>> & {
  openingHours?: string;
  status?: 'draft' | 'published' | 'archived';
  network?: Types.ObjectId;
};

/** Creates the demo networks and returns their ids by slug. */
export async function createNetworks(): Promise<Map<string, Types.ObjectId>> {
  const networks = demoNetworkDocuments();
  await NetworkModel.insertMany(networks);
  return new Map(networks.map((n) => [n.slug, n._id]));
}

/** A real demo place (by slug, or the first that `pick` accepts), with the test's changes applied. */
export function realPlace(
  networkIds: Map<string, Types.ObjectId>,
  pick: string | ((doc: DemoLocationDocument) => boolean),
  overrides: LocationOverrides = {},
): DemoLocationDocument & LocationOverrides {
  const docs = demoLocationDocuments(networkIds);
  const doc = typeof pick === 'string' ? docs.find((d) => d.slug === pick) : docs.find(pick);
  if (!doc) throw new Error(`no demo place for ${String(pick)}`);
  return { ...doc, ...overrides };
}

export async function insertPlaces(...docs: object[]): Promise<void> {
  await LocationModel.insertMany(docs);
}

/** Where a locality really is, from the Who's On First table. */
export function locality(name: string, countryCode: string): { lat: number; lng: number; locality: string } {
  const found = loadPlaceNames()
    .localitiesNamed(name)
    .find((l) => l.countryCode === countryCode);
  if (!found) throw new Error(`no locality ${name} in ${countryCode}`);
  return { lat: found.lat, lng: found.lng, locality: found.names[0]! };
}
