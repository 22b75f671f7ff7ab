// Numbers the feeds' items: follows the change feed, and for each write to a feed kind's collection claims the next
// change number of each record it touched (an insert by unique `_id`, see feed-item.model.ts). Every server runs one;
// a claim per change-feed entry lets one of them number it. It also keeps this server's FeedIndex current with the
// items numbered elsewhere, and deletes superseded items after a grace period, so the feed holds one item per record.
import { changesSince, latestChangeAt, type ChangeEntry } from '../shared/events/change-feed.ts';
import { claimsIn } from '../shared/db/claims.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import type { Logger } from '../shared/logging/logger.ts';
import type { FeedIndex } from './feed-index.ts';
import { FeedItemModel, feedItemId, type FeedItemDoc } from './feed-item.model.ts';
import type { FeedKind } from './feed-kinds.ts';

const OVERLAP_MS = 5000;
/** Entry claims outlive the change feed's retention (an hour), so an entry is never numbered twice. */
const CLAIM_TTL_MS = 2 * 60 * 60 * 1000;
/**
 * A superseded item is deleted only this long after it was superseded: a server that had not yet seen the newer
 * item must not find the old number free and claim it again behind readers.
 */
const SUPERSEDED_GRACE_MS = 10 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;
const BACKFILL_BATCH = 1000;

const entryClaims = claimsIn('feed_claims');

export interface FeedWriterOptions {
  index: FeedIndex;
  kinds: readonly FeedKind[];
  logger: Logger;
  pollMs: number;
}

export class FeedWriter {
  private cursor = new Date(0);
  private readonly applied = new Map<string, number>();
  private readonly retired = new Map<string, number>();
  private lastPrune = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly options: FeedWriterOptions;

  constructor(options: FeedWriterOptions) {
    this.options = options;
  }

  async start(): Promise<void> {
    const position = (await latestChangeAt()) ?? new Date();
    const items = await FeedItemModel.find({}).select('kind n recordId').lean<FeedItemDoc[]>();
    for (const { kind } of this.options.kinds) {
      this.options.index.load(
        kind,
        items.filter((item) => item.kind === kind),
      );
    }
    let backfilled = false;
    for (const kind of this.options.kinds) {
      if (this.options.index.size(kind.kind) === 0 && (await entryClaims.claim(`backfill:${kind.kind}`))) {
        await this.backfill(kind);
        backfilled = true;
      }
    }
    this.cursor = position;
    // The backfill read every record after `position`: the writes before it are in it already.
    if (backfilled) {
      for (const entry of await changesSince(new Date(position.getTime() - OVERLAP_MS))) {
        if (entry.at <= position) this.applied.set(entry._id.toString(), entry.at.getTime());
      }
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** A round now, after any under way (tests, and a page that must include this process's own writes). */
  async poll(): Promise<void> {
    await this.running;
    this.running = this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.poll()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'feed numbering failed; will retry'))
        .finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }

  /** Numbers every record of a kind once, in batches, when its feed is new. */
  private async backfill(kind: FeedKind): Promise<void> {
    let n = this.options.index.maxNumber(kind.kind);
    let count = 0;
    for await (const ids of kind.allIds()) {
      for (let i = 0; i < ids.length; i += BACKFILL_BATCH) {
        const at = new Date();
        const docs = ids.slice(i, i + BACKFILL_BATCH).map((recordId) => {
          n += 1;
          return { _id: feedItemId(kind.kind, n), kind: kind.kind, n, recordId, at };
        });
        await FeedItemModel.insertMany(docs, { ordered: false });
        for (const doc of docs) this.options.index.add(kind.kind, doc);
        count += docs.length;
      }
    }
    this.options.logger.info({ kind: kind.kind, count }, 'feed backfilled');
  }

  private async round(): Promise<void> {
    const entries = await changesSince(new Date(this.cursor.getTime() - OVERLAP_MS), this.applied);
    const lookUp: string[] = [];
    for (const entry of entries) {
      if (entry.collectionName === 'feed_items') this.follow(entry, lookUp);
    }
    if (lookUp.length) {
      for (const doc of await FeedItemModel.find({ _id: { $in: lookUp } }).lean<FeedItemDoc[]>()) {
        this.options.index.add(doc.kind, doc);
      }
    }
    for (const entry of entries) {
      const kind = this.options.kinds.find((k) => k.collectionName === entry.collectionName);
      if (kind && (await entryClaims.claim(`${kind.kind}:${entry._id.toString()}`, { expiresAt: expiry() }))) {
        for (const recordId of entry.documentIds) await this.number(kind.kind, recordId);
      }
      this.applied.set(entry._id.toString(), entry.at.getTime());
      if (entry.at > this.cursor) this.cursor = entry.at;
    }
    const horizon = this.cursor.getTime() - OVERLAP_MS;
    for (const [id, at] of this.applied) if (at < horizon) this.applied.delete(id);
    if (this.options.index.skipLostNumbers()) this.options.logger.warn('a feed change number never arrived; skipped');
    await this.prune();
  }

  /** Items numbered by any server, as the change feed brings them. */
  private follow(entry: ChangeEntry, lookUp: string[]): void {
    entry.documentIds.forEach((id, i) => {
      const [kind, n] = id.split(':');
      if (entry.deleted) return this.options.index.drop(kind!, Number(n));
      const doc = entry.documents?.[i] as FeedItemDoc | undefined;
      if (doc) this.options.index.add(doc.kind, doc);
      else lookUp.push(id);
    });
  }

  /** Claims the next change number for a record: the lowest free one above every number seen. */
  private async number(kind: string, recordId: string): Promise<void> {
    let n = this.options.index.maxNumber(kind) + 1;
    for (;;) {
      const doc = { _id: feedItemId(kind, n), kind, n, recordId, at: new Date() };
      try {
        await FeedItemModel.create(doc);
        this.options.index.add(kind, doc);
        return;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        n += 1;
      }
    }
  }

  /** Deletes items superseded for longer than the grace period, and expired entry claims. */
  private async prune(now = Date.now()): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const due: string[] = [];
    for (const { kind } of this.options.kinds) {
      for (const n of this.options.index.superseded(kind)) {
        const id = feedItemId(kind, n);
        const since = this.retired.get(id);
        if (since === undefined) this.retired.set(id, now);
        else if (now - since >= SUPERSEDED_GRACE_MS) due.push(id);
      }
    }
    if (due.length) {
      await FeedItemModel.deleteMany({ _id: { $in: due } });
      for (const id of due) {
        this.retired.delete(id);
        const [kind, n] = id.split(':');
        this.options.index.drop(kind!, Number(n));
      }
      for (const { kind } of this.options.kinds) this.options.index.compact(kind);
    }
    await entryClaims.sweep();
  }
}

const expiry = () => new Date(Date.now() + CLAIM_TTL_MS);
