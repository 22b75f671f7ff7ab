// An in-memory copy of a small collection, kept current from the change feed: read models whose source is small
// enough to load whole (demand signals, …) answer from it without a database read per request. Large sources (the
// directory) have their own follower with a checkpoint.
import type { Model } from 'mongoose';
import { CHANGE_RETENTION_MS, changesSince } from './change-feed.ts';

/** Entries this close to the cursor are read again, in case one was written with a slightly older clock. */
const OVERLAP_MS = 5000;

export interface MirrorOptions<T> {
  /** The name the collection's `changeFeedPlugin` writes under. */
  feedName: string;
  model: Model<T>;
  pollMs: number;
  /** Called with each document as stored, and with the id of each one deleted. */
  onChange: (id: string, doc: T | undefined) => void;
  onError?: (error: unknown) => void;
}

export class CollectionMirror<T extends { _id: unknown }> {
  private cursor = new Date(0);
  /** Feed entries applied within the overlap window (of every collection, so none is read twice). */
  private readonly applied = new Map<string, number>();
  private readonly known = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  private readonly options: MirrorOptions<T>;

  constructor(options: MirrorOptions<T>) {
    this.options = options;
  }

  /** Loads the whole collection, then follows the feed every `pollMs`. */
  async start(): Promise<void> {
    await this.loadAll();
    this.timer = setInterval(() => {
      this.poll().catch((error: unknown) => this.options.onError?.(error));
    }, this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
  }

  /** Applies what the feed says changed since the last poll (one poll at a time). */
  poll(): Promise<void> {
    this.polling ??= this.catchUp().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private apply(id: string, doc: T | undefined): void {
    if (doc) this.known.add(id);
    else this.known.delete(id);
    this.options.onChange(id, doc);
  }

  private async loadAll(): Promise<void> {
    this.cursor = new Date();
    const docs = await this.options.model.find({}).lean<T[]>().exec();
    const ids = new Set(docs.map((doc) => String(doc._id)));
    for (const id of [...this.known]) if (!ids.has(id)) this.apply(id, undefined);
    for (const doc of docs) this.apply(String(doc._id), doc);
  }

  private async catchUp(): Promise<void> {
    if (Date.now() - this.cursor.getTime() > CHANGE_RETENTION_MS - OVERLAP_MS) {
      // Away longer than the feed keeps its entries: load the collection again.
      await this.loadAll();
      return;
    }
    const started = Date.now();
    const entries = await changesSince(new Date(this.cursor.getTime() - OVERLAP_MS), this.applied);
    const ids = new Set(
      entries.filter((entry) => entry.collectionName === this.options.feedName).flatMap((entry) => entry.documentIds),
    );
    if (ids.size) {
      const docs = await this.options.model
        .find({ _id: { $in: [...ids] } })
        .lean<T[]>()
        .exec();
      const found = new Map(docs.map((doc) => [String(doc._id), doc]));
      for (const id of ids) this.apply(id, found.get(id));
    }
    for (const entry of entries) {
      this.applied.set(entry._id.toString(), entry.at.getTime());
      if (entry.at > this.cursor) this.cursor = entry.at;
    }
    // A quiet feed moves the cursor on too, so that an hour without writes does not look like an hour away.
    if (this.cursor.getTime() < started - OVERLAP_MS) this.cursor = new Date(started - OVERLAP_MS);
    const horizon = this.cursor.getTime() - OVERLAP_MS;
    for (const [id, at] of this.applied) if (at < horizon) this.applied.delete(id);
  }
}
