// Entry point of `npm start`: starts (or reaches) the database, loads demo data, builds the directory, listens.
import { createServer } from 'node:http';
import { buildApp } from './app.ts';
import { drainSessionWrites } from './auth/index.ts';
import { loadConfig } from './config/index.ts';
import { seedDemoData } from './demo/seed.ts';
import { createDirectory } from './directory/index.ts';
import { createFederation } from './federation/index.ts';
import { directoryListings, routeOpeningHoursOutput } from './locations/index.ts';
import { instanceKeys } from './keys/index.ts';
import { initI18n } from './shared/i18n/i18n.ts';
import { connectDatabase, disconnectDatabase } from './shared/db/connection.ts';
import { launchAppDatabase } from './shared/db/launcher.ts';
import { drainableListener } from './shared/http/request-drain.ts';
import { createLogger } from './shared/logging/logger.ts';
import { applyRuntimeTuning, processTuning, settleAfterBuild } from './shared/runtime/tuning.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
// What the opening_hours library prints repeats what it throws, and we handle that: kept for debugging only.
routeOpeningHoursOutput((lines) => logger.debug({ lines }, 'opening_hours library output'));
const tuning = processTuning(config);
applyRuntimeTuning(tuning);

/** How long a shutdown waits for the requests under way (a write and its audit entry) before cutting them off. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  await initI18n();
  const database = await launchAppDatabase(config, logger);
  logger.info({ database: database.description }, `database: ${database.description}`);
  await connectDatabase(database.uri);
  // Made on first start, so a pass or a peer's request can be signed and checked from the first request on.
  await instanceKeys.ensure();

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

  // Numbers the feeds peers read (a new feed is backfilled first), and follows approved peers.
  const federation = createFederation(config, logger);
  await federation.start();

  const app = buildApp({ config, logger, directory, federation });
  const requests = drainableListener(app.listener);
  const server = createServer(requests.listener);
  server.listen(config.PORT, config.HOST, () => {
    logger.info({ url: config.baseUrl }, `Passerelle is running at ${config.baseUrl}`);
    // Off the event loop (zlib's threads): the first readers need not wait for brotli.
    app.assets.warm().catch((error: unknown) => logger.warn({ err: error }, 'assets could not be compressed ahead'));
  });

  // In this order, so the database stays open for every request still under way: a write that started is finished
  // with its audit entry and answered, rather than cut between the two.
  const shutdown = async (signal: string) => {
    logger.info({ signal, inFlight: requests.inFlight }, 'shutting down: finishing the requests under way');
    const { cutOff } = await requests.close(server, SHUTDOWN_GRACE_MS);
    if (cutOff > 0) logger.warn({ cutOff, graceMs: SHUTDOWN_GRACE_MS }, 'requests cut off at shutdown');
    await directory.follower.stop();
    await app.stop();
    await federation.stop();
    await drainSessionWrites();
    await disconnectDatabase();
    await database.stop();
    logger.info('stopped');
    process.exit(0);
  };
  const stop = (signal: string) =>
    shutdown(signal).catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  // Once: a second signal ends the process at once, for someone who will not wait for the requests under way.
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Passerelle could not start');
  process.exit(1);
});
