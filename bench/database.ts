// The throwaway benchmark database: started as the app starts it, filled with the listings, dropped at the end.
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { LocationModel } from '../server/locations/location.model.ts';
import { NetworkModel } from '../server/networks/network.model.ts';
import { connectDatabase, disconnectDatabase } from '../server/shared/db/connection.ts';
import { launchDatabase, type RunningDatabase } from '../server/shared/db/launcher.ts';
import type { Logger } from '../server/shared/logging/logger.ts';
import type { BenchListing, BenchNetwork } from './listings.ts';

/** The follower reads changes from this long before its cursor (OVERLAP_MS in change-follower.ts). */
export const FOLLOWER_OVERLAP_MS = 5000;

export interface BenchDatabase {
  uri: string;
  description: string;
  close(): Promise<void>;
}

export async function openDatabase(
  dataDir: string,
  logger: Logger,
  databaseName = `passerelle_bench_${process.pid}`,
): Promise<BenchDatabase> {
  const mongodbUri = process.env.MONGODB_URI || undefined;
  const database: RunningDatabase = await launchDatabase({
    mongodbUri,
    dataDir,
    databaseName,
    ferretDbBin: process.env.FERRETDB_BIN || undefined,
    logger,
  });
  let uri = database.uri;
  if (mongodbUri) {
    // A database of its own, so a shared server's data is never touched; dropped in close().
    const url = new URL(mongodbUri);
    url.pathname = `/${databaseName}`;
    uri = url.toString();
  }
  try {
    await connectDatabase(uri);
  } catch (error) {
    await database.stop();
    throw error;
  }
  return {
    uri,
    description: mongodbUri
      ? `MongoDB at MONGODB_URI (database ${databaseName}, dropped afterwards)`
      : database.description,
    close: async () => {
      try {
        if (mongodbUri) await mongoose.connection.db?.dropDatabase();
        await disconnectDatabase();
      } finally {
        await database.stop();
      }
    },
  };
}

export async function insertListings(
  networks: BenchNetwork[],
  listings: BenchListing[],
  batchSize: number,
  progress: (message: string) => void,
): Promise<number> {
  await Promise.all([NetworkModel.init(), LocationModel.init()]);
  await NetworkModel.insertMany(networks);
  const started = performance.now();
  for (let i = 0; i < listings.length; i += batchSize) {
    await LocationModel.insertMany(listings.slice(i, i + batchSize));
    if ((i / batchSize) % 20 === 19) progress(`inserted ${i + batchSize}`);
  }
  return performance.now() - started;
}

/**
 * Once the follower's overlap window has passed, writes one draft listing, as if the directory had seen one ordinary
 * edit since the import: the benchmark measures the steady state, not the seconds right after a bulk import, when
 * the follower re-reads what was written in its overlap window.
 */
export async function writeSentinel(listing: BenchListing): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, FOLLOWER_OVERLAP_MS + 1000));
  await LocationModel.insertMany([{ ...listing, slug: 'bench-sentinel-draft', status: 'draft' }]);
}
