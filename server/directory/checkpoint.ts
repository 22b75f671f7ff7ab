// The directory's checkpoint: a snapshot of the read model kept in the database, with the change-feed position it
// reflects. A starting server reads it (a few megabytes, under a second) and replays the feed since, instead of
// reading every listing: FerretDB/SQLite reads 100,000 listings in about 20 s. Any server refreshes it while the feed
// moves, so it stays well inside the feed's retention; a missing, unreadable or outdated one means a full build.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import mongoose, { Schema, Types } from 'mongoose';
import type { EntryRecord } from './directory-entry.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const HEAD_ID = 'head';
/** Parts stay far below the 16 MB document limit. */
const PART_BYTES = 8 * 2 ** 20;

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
    // Parts only: a slice of the gzipped JSON.
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
  records: EntryRecord[];
}

interface HeadDocument extends CheckpointHead {
  generation: string;
  parts: number;
  format: string;
}

const bytesOf = (data: unknown): Buffer =>
  Buffer.isBuffer(data) ? data : Buffer.from((data as { buffer: Uint8Array }).buffer);

/** The current head when it was written in `format`. */
export async function checkpointHead(format: string): Promise<CheckpointHead | undefined> {
  const head = await CheckpointModel.findOne({ _id: HEAD_ID }).lean<HeadDocument>();
  return head?.format === format ? head : undefined;
}

/** The latest checkpoint in `format`, or undefined (none, another format, or replaced while it was being read). */
export async function readCheckpoint(format: string): Promise<Checkpoint | undefined> {
  const head = await CheckpointModel.findOne({ _id: HEAD_ID }).lean<HeadDocument>();
  if (head?.format !== format) return undefined;
  // One lookup by _id per part: FerretDB 1.x answers those from its index.
  const parts = await Promise.all(
    Array.from({ length: head.parts }, (_, n) =>
      CheckpointModel.findOne({ _id: `${head.generation}:${n}` }).lean<{ data: unknown }>(),
    ),
  );
  if (parts.some((part) => !part)) return undefined;
  const json = await gunzipAsync(Buffer.concat(parts.map((part) => bytesOf(part!.data))));
  return {
    feedPosition: head.feedPosition,
    writtenAt: head.writtenAt,
    records: JSON.parse(json.toString('utf8')) as EntryRecord[],
  };
}

/**
 * Writes a new generation, then points the head at it, then drops the generations before the previous head: one that
 * stopped being the head a refresh ago has no reader left, while the previous one may be read right now.
 */
export async function writeCheckpoint(format: string, feedPosition: Date, records: EntryRecord[]): Promise<void> {
  // Serialised at once, so the snapshot is of one moment of the index.
  const json = JSON.stringify(records);
  const data = await gzipAsync(json, { level: 1 });
  const generation = new Types.ObjectId().toString();
  const writtenAt = new Date();
  const parts = [];
  for (let offset = 0, n = 0; offset < data.length || n === 0; offset += PART_BYTES, n += 1) {
    parts.push({ _id: `${generation}:${n}`, generation, writtenAt, data: data.subarray(offset, offset + PART_BYTES) });
  }
  for (const part of parts) await CheckpointModel.create(part);
  const previous = await CheckpointModel.findOneAndReplace(
    { _id: HEAD_ID },
    { _id: HEAD_ID, generation, writtenAt, parts: parts.length, format, feedPosition, entries: records.length },
    { upsert: true },
  ).lean<HeadDocument>();
  const keep = previous ? [generation, previous.generation] : [generation];
  await CheckpointModel.deleteMany({ _id: { $ne: HEAD_ID }, generation: { $nin: keep } });
}
