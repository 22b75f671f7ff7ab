// The port the change follower reads listings through: what the directory needs of the locations and networks, not
// where they are stored or how that store is best read.
import type { DirectorySource } from '../engine/directory-entry.ts';
import type { NetworkSummary } from '../engine/directory-index.ts';

/** A stored location as the directory reads it, from its source or from the change feed. */
export type ListedLocation = DirectorySource & { status?: string };

/** A network as the directory labels and filters by it. */
export interface ListedNetwork extends NetworkSummary {
  id: string;
}

export interface ListingSource {
  /** Every published location, as a stream: a first build reads them all once. */
  published(): AsyncIterable<ListedLocation>;
  /** The locations with these ids that still exist, whatever their status; ids not found are left out. */
  byIds(ids: readonly string[]): Promise<ListedLocation[]>;
  /** Every network, or those with these ids. */
  networks(ids?: readonly string[]): Promise<ListedNetwork[]>;
}
