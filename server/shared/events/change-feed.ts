// The change feed: every write to a followed collection appends an entry (upserts, or tombstones for a delete).
// Readers (the directory of every server, later federation and exports) poll this small, pruned log instead of
// scanning the collections: FerretDB 1.x cannot push range filters on updatedAt down to SQLite, so a poll of the
// locations themselves would read every document each second. It scans the feed the same way, which is why one
// entry holds all the ids a write touched: an import of 100,000 listings adds a hundred entries, not 100,000.
import mongoose, { Schema, type Query, type Types } from 'mongoose';

const changeSchema = new Schema(
  {
    collectionName: { type: String, required: true },
    documentIds: { type: [String], required: true },
    /** True for a tombstone: the document was deleted. */
    deleted: { type: Boolean, default: false },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
changeSchema.index({ at: 1 });

// Named apart from the first feed ("changes", one id per entry), which older databases may still hold.
export const ChangeModel = mongoose.model('Change', changeSchema, 'change_batches');

export interface ChangeEntry {
  _id: Types.ObjectId;
  collectionName: string;
  documentIds: string[];
  deleted: boolean;
  at: Date;
}

/** How long entries are kept; a reader that fell further behind rebuilds from the collections. */
export const CHANGE_RETENTION_MS = 60 * 60 * 1000;

/** Keeps an entry far below the 16 MB document limit (an id is 24 characters). */
const IDS_PER_ENTRY = 10_000;

async function append(collectionName: string, ids: { toString(): string }[], deleted = false): Promise<void> {
  if (ids.length === 0) return;
  const at = new Date();
  const entries = [];
  for (let i = 0; i < ids.length; i += IDS_PER_ENTRY) {
    entries.push({ collectionName, documentIds: ids.slice(i, i + IDS_PER_ENTRY).map(String), deleted, at });
  }
  await ChangeModel.insertMany(entries, { ordered: false });
}

type IdQuery = Query<unknown, unknown> & { _changedIds?: Types.ObjectId[] };

const UPDATES: ('updateOne' | 'updateMany' | 'findOneAndUpdate' | 'replaceOne' | 'findOneAndReplace')[] = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
];
const DELETES: ('deleteOne' | 'deleteMany' | 'findOneAndDelete')[] = ['deleteOne', 'deleteMany', 'findOneAndDelete'];

/** The mongoose plugin that makes every write path of a model append to the feed, so no caller can forget it. */
export function changeFeedPlugin(collectionName: string) {
  return (schema: Schema): void => {
    schema.post('save', async (doc: { _id: Types.ObjectId }) => append(collectionName, [doc._id]));
    schema.post('insertMany', async function (docs: unknown) {
      await append(
        collectionName,
        (docs as { _id: Types.ObjectId }[]).map((d) => d._id),
      );
    });

    // Which documents a query touches is known only before it runs (deletes) or from its filter (updates). Single-
    // document operations ask for one match: FerretDB 1.x stops at the first only when asked for one.
    const rememberIds = (limit: number) =>
      async function (this: IdQuery): Promise<void> {
        const matches = await this.model
          .find(this.getFilter())
          .limit(limit)
          .select('_id')
          .lean<{ _id: Types.ObjectId }[]>();
        this._changedIds = matches.map((m) => m._id);
      };
    const MANY: ('updateMany' | 'deleteMany')[] = ['updateMany', 'deleteMany'];
    const single = [...UPDATES, ...DELETES].filter((op) => !MANY.some((m) => m === op));
    schema.pre(MANY, { document: false, query: true }, rememberIds(0));
    schema.pre(single, { document: false, query: true }, rememberIds(1));

    schema.post(UPDATES, { document: false, query: true }, async function (result: unknown) {
      const query = this as IdQuery;
      const ids = [...(query._changedIds ?? [])];
      const upserted = (result as { upsertedId?: Types.ObjectId } | null)?.upsertedId;
      const returned = (result as { _id?: Types.ObjectId } | null)?._id;
      for (const id of [upserted, returned]) if (id && !ids.some((x) => x.equals(id))) ids.push(id);
      await append(collectionName, ids);
    });
    schema.post(DELETES, { document: false, query: true }, async function () {
      await append(collectionName, (this as IdQuery)._changedIds ?? [], true);
    });
    schema.post('deleteOne', { document: true, query: false }, async (doc: { _id: Types.ObjectId }) =>
      append(collectionName, [doc._id], true),
    );
  };
}

/** Entries at or after `since`, oldest first. */
export async function changesSince(since: Date): Promise<ChangeEntry[]> {
  const entries = await ChangeModel.find({ at: { $gte: since } }).lean<ChangeEntry[]>();
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || (a._id.toString() < b._id.toString() ? -1 : 1));
}

export async function latestChangeAt(): Promise<Date | undefined> {
  const [latest] = await ChangeModel.find().sort({ at: -1 }).limit(1).lean<ChangeEntry[]>();
  return latest?.at;
}

export async function pruneChanges(now = Date.now()): Promise<void> {
  await ChangeModel.deleteMany({ at: { $lt: new Date(now - CHANGE_RETENTION_MS) } });
}
