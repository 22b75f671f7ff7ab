// The directory: its engine (the in-memory read model), kept current by following the database, and its web edge
// (the home page and the map API).
import type { Logger } from '../shared/logging/logger.ts';
import { InMemoryDirectory, type DirectoryEngine } from './engine/directory-engine.ts';
import { loadPlaceNames, type PlaceNameTable } from './engine/place-names.ts';
import { ChangeFollower } from './sync/change-follower.ts';
import type { ListingSource } from './sync/listing-source.ts';

export type { DirectoryEngine, DirectoryFollower, FoundIds } from './engine/directory-engine.ts';
export type { SearchQuery } from './engine/directory-answers.ts';
export {
  directoryQuerySchema,
  withOpenAt,
  EXPORT_PATHS,
  MAX_QUERY_LENGTH,
  type DirectoryQuery,
} from './directory.schemas.ts';
export { viewerClass, type ViewerClass } from './engine/viewer-class.ts';
export { loadPlaceNames } from './engine/place-names.ts';
export type { ListingSource, ListedLocation, ListedNetwork } from './sync/listing-source.ts';

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
