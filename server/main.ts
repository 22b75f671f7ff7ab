// Entry point of `npm start`: starts (or reaches) the database, loads demo data, builds the directory, listens.
import { createServer } from 'node:http';
import { buildApp } from './app.ts';
import { drainSessionWrites } from './auth/index.ts';
import { loadConfig } from './config/index.ts';
import { seedDemoData } from './demo/seed.ts';
import { createDirectory } from './directory/index.ts';
import { directoryListings, routeOpeningHoursOutput } from './locations/index.ts';
import { initI18n } from './shared/i18n/i18n.ts';
import { connectDatabase, disconnectDatabase } from './shared/db/connection.ts';
import { launchAppDatabase } from './shared/db/launcher.ts';
import { createLogger } from './shared/logging/logger.ts';
import { applyRuntimeTuning, processTuning, settleAfterBuild } from './shared/runtime/tuning.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
// What the opening_hours library prints repeats what it throws, and we handle that: kept for debugging only.
routeOpeningHoursOutput((lines) => logger.debug({ lines }, 'opening_hours library output'));
const tuning = processTuning(config);
applyRuntimeTuning(tuning);

async function main(): Promise<void> {
  await initI18n();
  const database = await launchAppDatabase(config, logger);
  logger.info({ database: database.description }, `database: ${database.description}`);
  await connectDatabase(database.uri);

  if (config.DEMO_DATA) {
    const seeded = await seedDemoData(logger);
    if (seeded) logger.info(seeded, 'demo data loaded into the empty database');
  }

  const directory = createDirectory({
    listings: directoryListings(),
    logger,
    pollMs: config.DIRECTORY_POLL_MS,
  });
  await directory.follower.start();
  // The map's first view needs the whole directory's clusters: built now rather than while a visitor waits, and
  // before the memory that building took is returned.
  directory.warmUp();
  await settleAfterBuild(tuning, (released) =>
    logger.info(released, 'memory past the soft limit: pooled pages returned'),
  );

  const app = buildApp({ config, logger, directory });
  const server = createServer(app.listener);
  server.listen(config.PORT, config.HOST, () => {
    logger.info({ url: config.baseUrl }, `Passerelle is running at ${config.baseUrl}`);
    // Off the event loop (zlib's threads): the first readers need not wait for brotli.
    app.assets.warm().catch((error: unknown) => logger.warn({ err: error }, 'assets could not be compressed ahead'));
  });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    server.close();
    await directory.follower.stop();
    await drainSessionWrites();
    await disconnectDatabase();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Passerelle could not start');
  process.exit(1);
});
