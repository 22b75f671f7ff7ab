// The real app, built as the tests build it but with no database: `buildApp` neither listens nor connects.
import type { Express } from 'express';

/** Imported when called, so that whatever watches the router (route-sites.ts) is in place before any route exists. */
export async function appWithoutDatabase(): Promise<Express> {
  const { buildApp } = await import('../../server/app.ts');
  const { loadConfig } = await import('../../server/config/index.ts');
  const { createDirectory } = await import('../../server/directory/index.ts');
  const { directoryListings } = await import('../../server/locations/index.ts');
  const { createLogger } = await import('../../server/shared/logging/logger.ts');
  const logger = createLogger('silent');
  const config = loadConfig({ NODE_ENV: 'test' });
  // The follower is never started: its routes are all we read, and they need no data.
  const directory = createDirectory({ listings: directoryListings(), logger, pollMs: config.DIRECTORY_POLL_MS });
  return buildApp({ config, logger, directory }).express;
}
