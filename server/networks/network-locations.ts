// What networks need to know of their locations. The locations domain answers it (networks may not import locations,
// which builds on networks); app.ts hands its answer to the network routes, and services take it as an argument.
import type { LanguageMap } from '../shared/db/language-map.ts';

export interface NetworkLocationRef {
  id: string;
  slug: string;
  language: string;
  name: LanguageMap;
  status: string;
  locality?: string;
  countryCode?: string;
  lat?: number;
  lng?: number;
}

export interface NetworkLocations {
  /** Every location of the network, in any status. */
  of(networkId: string): Promise<NetworkLocationRef[]>;
  /** The network's published locations, with where they are. */
  publishedOf(networkId: string): Promise<NetworkLocationRef[]>;
  /** How many published locations each network has, by network id. */
  publishedCounts(): Promise<Map<string, number>>;
  /** Those of `locationIds` that are locations of the network. */
  inNetwork(networkId: string, locationIds: string[]): Promise<string[]>;
}
