// The directory: the in-memory read model, the home page and the search API.
import type { Logger } from '../shared/logging/logger.js';
import { ChangeFollower } from './sync/change-follower.js';
import { DirectoryIndex } from './engine/directory-index.js';
import { loadPlaceNames } from './engine/place-names.js';
import { SharedValues } from './engine/indexed-entry.js';
import type { ListingSource } from './sync/listing-source.js';

export { DirectoryIndex } from './engine/directory-index.js';
export { directoryRoutes } from './directory.routes.js';
export type { ListingSource, ListedLocation, ListedNetwork } from './sync/listing-source.js';
export { mongooseListingSource } from './sync/mongoose-listing-source.js';

export interface DirectoryReadModel {
  index: DirectoryIndex;
  follower: ChangeFollower;
}

export interface DirectoryOptions {
  /** Where the listings are read. */
  listings: ListingSource;
  logger: Logger;
  /** How often the change feed is followed. */
  pollMs: number;
}

export function createDirectory({ listings, logger, pollMs }: DirectoryOptions): DirectoryReadModel {
  const index = new DirectoryIndex();
  const follower = new ChangeFollower({
    index,
    placeNames: loadPlaceNames(),
    shared: new SharedValues(),
    listings,
    logger: logger.child({ component: 'directory' }),
    pollMs,
  });
  return { index, follower };
}
