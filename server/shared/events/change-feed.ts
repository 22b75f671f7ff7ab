// The change feed: every write to a followed collection appends an entry (upserts, or tombstones for a delete).
// Readers (the directory of every server, later federation and exports) poll this small, pruned log instead of
// scanning the collections: FerretDB 1.x cannot push range filters on updatedAt down to SQLite, so a poll of the
// locations themselves would read every document each second. It scans the feed the same way, so the feed is kept
// small: one entry per write, and the ids of a bulk write (an import, an updateMany) in a side document that is
// read by _id only by readers that have not seen the entry yet. A save or a small insert also leaves the documents
// it wrote, when the model asks for it: FerretDB/SQLite answers even a lookup by _id by scanning the table (its cost at
// 100,000 locations is in BENCHMARKS.md), which every server would otherwise pay for every edit.
import mongoose, { Schema, Types, type Query } from 'mongoose';

const changeSchema = new Schema(
  {
    collectionName: { type: String, required: true },
    /** The ids the write touched, when few; else empty, and `idList` names the side document holding them. */
    documentIds: { type: [String], default: [] },
    idList: { type: Schema.Types.ObjectId },
    /** True for a tombstone: the document was deleted. */
    deleted: { type: Boolean, default: false },
    /** The documents as written, in the order of `documentIds`, when the write had them and the model keeps them. */
    documents: { type: [Schema.Types.Mixed], default: undefined },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
changeSchema.index({ at: 1 });

// Named apart from the first feed ("changes", one id per entry), which older databases may still hold.
export const ChangeModel = mongoose.model('Change', changeSchema, 'change_batches');

const idListSchema = new Schema(
  { ids: { type: [String], required: true }, at: { type: Date, required: true } },
  {
    versionKey: false,
  },
);
const ChangeIdListModel = mongoose.model('ChangeIdList', idListSchema, 'change_id_lists');

export interface ChangeEntry {
  _id: Types.ObjectId;
  collectionName: string;
  documentIds: string[];
  deleted: boolean;
  /** Present for saves and small inserts of a model that keeps its documents in the feed. */
  documents?: Record<string, unknown>[];
  at: Date;
}

/** How long entries are kept; a reader that fell further behind rebuilds from the collections. */
export const CHANGE_RETENTION_MS = 60 * 60 * 1000;

/** Up to this many ids are kept in the entry itself: a single edit costs one small document. */
const INLINE_IDS = 20;
/** Keeps a side document far below the 16 MB document limit (an id is 24 characters). */
const IDS_PER_LIST = 10_000;

/** How many feed entries this process has appended: readers in it can tell whether they have seen its own writes. */
let localAppends = 0;
export const localChangeCount = (): number => localAppends;

async function append(
  collectionName: string,
  ids: { toString(): string }[],
  deleted = false,
  documents?: Record<string, unknown>[],
): Promise<void> {
  if (ids.length === 0) return;
  const at = new Date();
  const all = ids.map(String);
  if (all.length <= INLINE_IDS) {
    await ChangeModel.create({ collectionName, documentIds: all, deleted, at, documents });
    localAppends += 1;
    return;
  }
  const lists = [];
  for (let i = 0; i < all.length; i += IDS_PER_LIST)
    lists.push({ _id: new Types.ObjectId(), ids: all.slice(i, i + IDS_PER_LIST), at });
  // The lists first: an entry is never visible before the ids it points to.
  await ChangeIdListModel.insertMany(lists, { ordered: false });
  await ChangeModel.insertMany(
    lists.map((list) => ({ collectionName, idList: list._id, deleted, at })),
    { ordered: false },
  );
  localAppends += 1;
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

interface WrittenDocument {
  _id: Types.ObjectId;
  /** Absent when an insert was asked for lean documents. */
  toObject?(options: { depopulate: boolean; versionKey: boolean }): Record<string, unknown>;
}

/**
 * The mongoose plugin that makes every write path of a model append to the feed, so no caller can forget it. With
 * `keepDocuments`, saves and small inserts also leave the documents they wrote (bulk writes and query updates leave
 * ids only, and readers look those up).
 */
export function changeFeedPlugin(collectionName: string, { keepDocuments = false } = {}) {
  const kept = (docs: WrittenDocument[]) =>
    keepDocuments && docs.length <= INLINE_IDS
      ? docs.map((doc) => doc.toObject?.({ depopulate: true, versionKey: false }) ?? { ...doc })
      : undefined;
  return (schema: Schema): void => {
    schema.post('save', async (doc: WrittenDocument) => append(collectionName, [doc._id], false, kept([doc])));
    schema.post('insertMany', async function (docs: unknown) {
      const written = docs as WrittenDocument[];
      await append(
        collectionName,
        written.map((d) => d._id),
        false,
        kept(written),
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

type StoredEntry = ChangeEntry & { idList?: Types.ObjectId };

/**
 * Entries at or after `since`, oldest first, leaving out those in `known` (already applied by the caller) before
 * their side documents are read.
 */
export async function changesSince(
  since: Date,
  known: { has(id: string): boolean } = new Set<string>(),
): Promise<ChangeEntry[]> {
  const stored = await ChangeModel.find({ at: { $gte: since } }).lean<StoredEntry[]>();
  const entries = await Promise.all(
    stored
      .filter((entry) => !known.has(entry._id.toString()))
      .map(async ({ idList, ...entry }) => {
        if (!idList) return entry;
        const list = await ChangeIdListModel.findOne({ _id: idList }).lean<{ ids: string[] }>();
        // A list pruned meanwhile belongs to an entry pruned too: the reader's retention check rebuilds.
        return { ...entry, documentIds: list?.ids ?? [] };
      }),
  );
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || (a._id.toString() < b._id.toString() ? -1 : 1));
}

export async function latestChangeAt(): Promise<Date | undefined> {
  const [latest] = await ChangeModel.find().sort({ at: -1 }).limit(1).lean<ChangeEntry[]>();
  return latest?.at;
}

export async function pruneChanges(now = Date.now()): Promise<void> {
  const horizon = new Date(now - CHANGE_RETENTION_MS);
  // Entries first, so no entry is left pointing to a pruned list.
  await ChangeModel.deleteMany({ at: { $lt: horizon } });
  await ChangeIdListModel.deleteMany({ at: { $lt: horizon } });
}
