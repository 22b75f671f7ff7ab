// The directory's checkpoint: a snapshot of the read model kept in the database, with the change-feed position it
// reflects. A starting server reads it and replays the feed since, instead of reading every listing, which
// FerretDB/SQLite does far more slowly (BENCHMARKS.md, "Index build", has both). Any server refreshes it while the
// feed moves, so it stays well inside the feed's retention; a missing, unreadable or outdated one means a full build.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import mongoose, { Schema, Types } from 'mongoose';
import { entryRecord, type DirectoryEntry, type EntryRecord } from '../engine/directory-entry.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const HEAD_ID = 'head';
/**
 * Each part is a gzipped JSON array of this many entries, read and applied one at a time: a
 * restart never holds the whole snapshot as text and objects at once.
 */
const RECORDS_PER_PART = 10_000;

const checkpointSchema = new Schema(
  {
    _id: { type: String, required: true },
    generation: { type: String, required: true },
    writtenAt: { type: Date, required: true },
    // The head only: which generation, how many parts, what they reflect.
    parts: Number,
    format: String,
    feedPosition: Date,
    entries: Number,
    // Parts only: a gzipped JSON array of entry records.
    data: Buffer,
  },
  { versionKey: false },
);

export const CheckpointModel = mongoose.model('DirectoryCheckpoint', checkpointSchema, 'directory_checkpoints');

export interface CheckpointHead {
  feedPosition: Date;
  writtenAt: Date;
}

export interface Checkpoint extends CheckpointHead {
  /** The entries, part by part. */
  records(): AsyncGenerator<EntryRecord[]>;
}

interface HeadDocument extends CheckpointHead {
  generation: string;
  parts: number;
  format: string;
}

const bytesOf = (data: unknown): Buffer =>
  Buffer.isBuffer(data) ? data : Buffer.from((data as { buffer: Uint8Array }).buffer);

/** Where the current checkpoint stands, when it was written in `format`. */
export async function checkpointHead(format: string): Promise<HeadDocument | undefined> {
  const head = await CheckpointModel.findOne({ _id: HEAD_ID }).lean<HeadDocument>();
  return head?.format === format ? head : undefined;
}

/** The latest checkpoint in `format`, or undefined (none, another format, or replaced while it was being read). */
export async function readCheckpoint(format: string): Promise<Checkpoint | undefined> {
  const head = await checkpointHead(format);
  if (!head) return undefined;
  // One lookup by _id per part: FerretDB 1.x pushes those down to SQLite, which scans this small collection.
  const parts = await Promise.all(
    Array.from({ length: head.parts }, (_, n) =>
      CheckpointModel.findOne({ _id: `${head.generation}:${n}` }).lean<{ data: unknown }>(),
    ),
  );
  if (parts.some((part) => !part)) return undefined;
  const compressed = parts.map((part) => bytesOf(part!.data));
  return {
    feedPosition: head.feedPosition,
    writtenAt: head.writtenAt,
    async *records() {
      for (const bytes of compressed) yield JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as EntryRecord[];
    },
  };
}

/**
 * Writes a new generation, then points the head at it, then drops the generations before the previous head: one that
 * stopped being the head a refresh ago has no reader left, while the previous one may be read right now.
 */
export async function writeCheckpoint(format: string, feedPosition: Date, entries: DirectoryEntry[]): Promise<void> {
  // Serialised before the first await, so the snapshot is of one moment of the index; a slice at a time, so the
  // records of all entries never exist at once.
  const slices: string[] = [];
  for (let i = 0; i < entries.length || i === 0; i += RECORDS_PER_PART) {
    slices.push(JSON.stringify(entries.slice(i, i + RECORDS_PER_PART).map(entryRecord)));
  }
  const generation = new Types.ObjectId().toString();
  const writtenAt = new Date();
  const parts = [];
  for (const [n, json] of slices.entries()) {
    parts.push({ _id: `${generation}:${n}`, generation, writtenAt, data: await gzipAsync(json, { level: 1 }) });
  }
  for (const part of parts) await CheckpointModel.create(part);
  const previous = await CheckpointModel.findOneAndReplace(
    { _id: HEAD_ID },
    { _id: HEAD_ID, generation, writtenAt, parts: parts.length, format, feedPosition, entries: entries.length },
    { upsert: true },
  ).lean<HeadDocument>();
  const keep = previous ? [generation, previous.generation] : [generation];
  await CheckpointModel.deleteMany({ _id: { $ne: HEAD_ID }, generation: { $nin: keep } });
}
