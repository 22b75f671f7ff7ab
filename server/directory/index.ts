// The directory: the in-memory read model, the home page and the search API.
import type { Logger } from '../shared/logging/logger.js';
import { ChangeFollower } from './sync/change-follower.js';
import { DirectoryIndex } from './engine/directory-index.js';
import { loadPlaceNames } from './engine/place-names.js';

export { DirectoryIndex } from './engine/directory-index.js';
export { directoryRoutes } from './directory.routes.js';

export interface DirectoryReadModel {
  index: DirectoryIndex;
  follower: ChangeFollower;
}

export function createDirectory(logger: Logger, pollMs: number): DirectoryReadModel {
  const index = new DirectoryIndex();
  const follower = new ChangeFollower({
    index,
    placeNames: loadPlaceNames(),
    logger: logger.child({ component: 'directory' }),
    pollMs,
  });
  return { index, follower };
}
