// The directory: its engine (the in-memory read model), kept current by following the database, and its web edge
// (the home page and the map API).
import type { Logger } from '../shared/logging/logger.js';
import { InMemoryDirectory, type DirectoryEngine } from './engine/directory-engine.js';
import { loadPlaceNames, type PlaceNameTable } from './engine/place-names.js';
import { ChangeFollower } from './sync/change-follower.js';
import type { ListingSource } from './sync/listing-source.js';

export type { DirectoryEngine, DirectoryFollower } from './engine/directory-engine.js';
export { viewerClass, type ViewerClass } from './engine/viewer-class.js';
export { loadPlaceNames } from './engine/place-names.js';
export type { ListingSource, ListedLocation, ListedNetwork } from './sync/listing-source.js';

export interface DirectoryOptions {
  /** Where the listings are read. */
  listings: ListingSource;
  logger: Logger;
  /** How often the change feed is followed. */
  pollMs: number;
  /** The place-name aliases entries are indexed with; the committed Who's On First table by default. */
  placeNames?: PlaceNameTable;
}

/** A directory engine of its own, empty until `follower.start()`. */
export function createDirectory({
  listings,
  logger,
  pollMs,
  placeNames = loadPlaceNames(),
}: DirectoryOptions): DirectoryEngine {
  return new InMemoryDirectory({
    placeNames,
    follow: (store) =>
      new ChangeFollower({ store, listings, logger: logger.child({ component: 'directory' }), pollMs }),
  });
}
