// Child process, run after the load: splits the index build into its parts (database read, entry building,
// index insertion, first search, first cluster index), repeating the app's steps with the app's own functions.
// The database read is a plain lean read of the published listings' indexed fields, as the follower's build does.
import { performance } from 'node:perf_hooks';
import { LocationModel } from '../server/locations/location.model.ts';
import { NetworkModel } from '../server/networks/network.model.ts';
import { DirectoryIndex } from '../server/directory/engine/directory-index.ts';
import {
  toDirectoryEntry,
  type DirectoryEntry,
  type DirectorySource,
} from '../server/directory/engine/directory-entry.ts';
import { loadPlaceNames } from '../server/directory/engine/place-names.ts';
import { SharedValues } from '../server/directory/engine/indexed-entry.ts';
import { LISTED_FIELDS } from '../server/locations/index.ts';
import { directoryQuerySchema } from '../server/directory/directory.schemas.ts';
import { DirectoryAnswers } from '../server/directory/engine/directory-answers.ts';
import { connectDatabase, disconnectDatabase } from '../server/shared/db/connection.ts';
import { parseInput } from '../server/shared/http/validate.ts';

export interface Diagnosis {
  readMs: number;
  documents: number;
  placeNamesMs: number;
  entriesMs: number;
  entriesWithHoursMs: number;
  withHours: number;
  upsertMs: number;
  firstSearchMs: number;
  firstClusterIndexMs: number;
  clusterQueryWarmMs: number;
}

const time = async <T>(fn: () => T | Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};

async function main(): Promise<void> {
  const uri = process.env.BENCH_DB_URI;
  const firstQuery = process.env.BENCH_FIRST_QUERY;
  if (!uri || !firstQuery) throw new Error('BENCH_DB_URI and BENCH_FIRST_QUERY are required');
  await connectDatabase(uri);

  const networks = await NetworkModel.find().select('slug').lean();
  const slugs = new Map(networks.map((n) => [n._id.toString(), n.slug]));
  const [docs, readMs] = await time(async () => {
    const all: DirectorySource[] = [];
    const cursor = LocationModel.find({ status: 'published' }).select(LISTED_FIELDS).lean().cursor({ batchSize: 5000 });
    for await (const doc of cursor) all.push(doc as unknown as DirectorySource);
    return all;
  });

  const [placeNames, placeNamesMs] = await time(() => loadPlaceNames());
  const aliases = (country: string, locality: string) => placeNames.aliasesFor(country, locality);
  const making = { shared: new SharedValues() };
  const entries: DirectoryEntry[] = [];
  let entriesWithHoursMs = 0;
  let withHours = 0;
  const [, entriesMs] = await time(() => {
    for (const doc of docs) {
      const started = performance.now();
      entries.push(toDirectoryEntry(doc, slugs.get(doc.network.toString()) ?? 'unknown', aliases, making));
      if (doc.openingHours) {
        entriesWithHoursMs += performance.now() - started;
        withHours += 1;
      }
    }
  });

  const index = new DirectoryIndex();
  const [, upsertMs] = await time(() => entries.forEach((e) => index.upsert(e)));
  const query = parseInput(directoryQuerySchema, Object.fromEntries(new URLSearchParams(firstQuery)));
  const [result, firstSearchMs] = await time(() => index.search({}));
  const [, firstClusterIndexMs] = await time(() => result.clusterIndex());
  const [, clusterQueryWarmMs] = await time(() => new DirectoryAnswers(index).mapFeatures(query, 'public', 'en'));

  await disconnectDatabase();

  const diagnosis: Diagnosis = {
    readMs,
    documents: docs.length,
    placeNamesMs,
    entriesMs,
    entriesWithHoursMs,
    withHours,
    upsertMs,
    firstSearchMs,
    firstClusterIndexMs,
    clusterQueryWarmMs,
  };
  await new Promise<void>((resolve) => process.send?.({ type: 'diagnosis', diagnosis }, () => resolve()));
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
