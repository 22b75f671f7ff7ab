// Keeps the directory index current: builds it from its checkpoint when there is a usable one, else from the listing
// source, then follows the change feed (upserts and tombstones) every poll, reading only the locations that changed.
import {
  CHANGE_RETENTION_MS,
  changesSince,
  latestChangeAt,
  localChangeCount,
  pruneChanges,
} from '../../shared/events/change-feed.ts';
import type { Logger } from '../../shared/logging/logger.ts';
import { checkpointHead, readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import {
  ENTRY_FORMAT,
  entryFromStored,
  interner,
  storedEntry,
  toDirectoryEntry,
  type EntryMaking,
} from '../engine/directory-entry.ts';
import type { DirectoryFollower, EngineStore } from '../engine/directory-engine.ts';
import type { ListedLocation, ListingSource } from './listing-source.ts';

/**
 * Writes from other servers may carry slightly older clocks; each poll reads the feed from this long before its
 * cursor. Entries already applied are skipped by id, so the overlap costs one small query and nothing more.
 */
const OVERLAP_MS = 5000;
const PRUNE_EVERY_MS = 5 * 60 * 1000;
/**
 * How often a server offers a fresh checkpoint while the feed moves: far inside the feed's retention (one hour), so
 * a starting server can always replay the feed from the checkpoint's position.
 */
const CHECKPOINT_EVERY_MS = 10 * 60 * 1000;

export interface FollowerOptions {
  /** The engine's index to fill, with what its entries are made with. */
  store: EngineStore;
  /** Where the listings and networks are read. */
  listings: ListingSource;
  logger: Logger;
  pollMs: number;
}

export class ChangeFollower implements DirectoryFollower {
  private cursor = new Date(0);
  /** Feed entries applied within the overlap window. */
  private applied = new Map<string, number>();
  /**
   * Locations that left the index within the overlap window, with the updatedAt that removed them (Infinity when
   * deleted): a document from the feed older than that, arriving late from a server with a slower clock, is stale.
   */
  private readonly removedAt = new Map<string, { updatedAt: number; at: number }>();
  private readonly networkSlugs = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /**
   * Not on the way to serving: pruning makes FerretDB decode the whole feed (slow after a large import), so a
   * starting server leaves it to its first round after PRUNE_EVERY_MS.
   */
  private lastPrune = Date.now();
  // Servers started together offer their checkpoints at different times.
  private lastCheckpointOffer = Date.now() - Math.random() * CHECKPOINT_EVERY_MS;
  lastSyncAt: Date | undefined;
  /** How many feed entries this process had written when the last finished round began: it has applied those. */
  private localChangesApplied = -1;
  /** Where the last start read the index from. */
  startedFrom: 'checkpoint' | 'listings' | undefined;

  private readonly options: FollowerOptions;
  constructor(options: FollowerOptions) {
    this.options = options;
  }

  /** Builds the index from the database, then keeps following until stop(). */
  async start(): Promise<void> {
    const started = Date.now();
    const localChanges = localChangeCount();
    if (await this.restore()) {
      this.startedFrom = 'checkpoint';
      await this.catchUp();
    } else {
      this.startedFrom = 'listings';
      await this.rebuild();
    }
    this.localChangesApplied = localChanges;
    this.options.logger.info(
      { locations: this.options.store.index.size, ms: Date.now() - started, from: this.startedFrom },
      'directory index built',
    );
    this.schedule();
  }

  private get checkpointFormat(): string {
    return `${ENTRY_FORMAT}:${this.options.store.placeNames.fingerprint}`;
  }

  /** Fills the index from the checkpoint and places the cursor at its feed position; false when there is none. */
  private async restore(): Promise<boolean> {
    const checkpoint = await readCheckpoint(this.checkpointFormat).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'directory checkpoint unreadable; building from the listings');
      return undefined;
    });
    if (!checkpoint || !(await this.feedReaches(checkpoint.feedPosition))) return false;
    await this.loadNetworks();
    // V8's JSON.parse gives equal short strings one copy only when the text is all Latin-1; a checkpoint naming a
    // place in Polish or Greek is not, and every entry then held its own copy of a common word.
    const making: EntryMaking = { shared: this.options.store.shared, word: interner() };
    for await (const records of checkpoint.records()) {
      for (const record of records) {
        const stored = storedEntry(record);
        // A network deleted since: its locations leave the directory, as entryFor would decide.
        const networkSlug = this.networkSlugs.get(stored.networkId);
        if (networkSlug) this.options.store.index.upsert(entryFromStored(stored, networkSlug, making));
      }
    }
    this.cursor = checkpoint.feedPosition;
    this.applied.clear();
    return true;
  }

  /**
   * Whether the feed still holds every change since `position`: entries older than its retention are pruned, so a
   * position that old is only good when nothing changed since.
   */
  private async feedReaches(position: Date): Promise<boolean> {
    if (Date.now() - position.getTime() <= CHANGE_RETENTION_MS - OVERLAP_MS) return true;
    const latest = await latestChangeAt();
    return !latest || latest <= position;
  }

  /**
   * Writes the index as the checkpoint, as of the cursor: every feed entry up to it has been applied. A failed write
   * costs the next starting server a full build, nothing more, so it is logged, not thrown.
   */
  private async saveCheckpoint(): Promise<void> {
    this.lastCheckpointOffer = Date.now();
    await writeCheckpoint(this.checkpointFormat, this.cursor, this.options.store.index.entries()).catch(
      (error: unknown) => this.options.logger.warn({ err: error }, 'directory checkpoint not written'),
    );
  }

  /** Offers a checkpoint when the feed moved past the current one and nobody refreshed it lately. */
  private async offerCheckpoint(): Promise<void> {
    if (Date.now() - this.lastCheckpointOffer < CHECKPOINT_EVERY_MS) return;
    this.lastCheckpointOffer = Date.now();
    const head = await checkpointHead(this.checkpointFormat);
    if (head && (head.feedPosition >= this.cursor || Date.now() - head.writtenAt.getTime() < CHECKPOINT_EVERY_MS)) {
      return;
    }
    await this.saveCheckpoint();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** A round of catching up that starts after every write made before this call (for tests and start-up). */
  async poll(): Promise<void> {
    await this.running;
    return this.round();
  }

  async includeLocalWrites(): Promise<void> {
    if (localChangeCount() > this.localChangesApplied) await this.poll();
  }

  private round(): Promise<void> {
    const localChanges = localChangeCount();
    this.running ??= this.catchUp()
      .then(() => {
        this.localChangesApplied = Math.max(this.localChangesApplied, localChanges);
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round()
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'directory follow failed; will retry'))
        .finally(() => this.schedule());
    }, this.options.pollMs);
    this.timer.unref();
  }

  private aliases = (country: string, locality: string) => this.options.store.placeNames.aliasesFor(country, locality);

  /** Reads every network and published location; the feed position is taken first, so nothing is missed. */
  private async rebuild(): Promise<void> {
    const feedPosition = (await latestChangeAt()) ?? new Date();
    await this.loadNetworks();
    const seen = new Set<string>();
    const word = interner();
    for await (const doc of this.options.listings.published()) {
      const entry = this.entryFor(doc, word);
      if (entry) {
        this.options.store.index.upsert(entry);
        seen.add(entry.id);
      }
    }
    // A rebuild after falling behind must also drop what disappeared meanwhile.
    for (const id of this.options.store.index.ids()) if (!seen.has(id)) this.options.store.index.remove(id);
    this.cursor = feedPosition;
    this.applied.clear();
    this.lastSyncAt = new Date();
    await this.saveCheckpoint();
  }

  private async loadNetworks(ids?: string[]): Promise<string[]> {
    const renamed: string[] = [];
    for (const { id, slug, name, language, listedBy } of await this.options.listings.networks(ids)) {
      if (this.networkSlugs.has(id) && this.networkSlugs.get(id) !== slug) renamed.push(id);
      this.networkSlugs.set(id, slug);
      this.options.store.index.networks.set(id, { slug, name, language, ...(listedBy ? { listedBy } : {}) });
    }
    return renamed;
  }

  private entryFor(doc: ListedLocation, word?: (token: string) => string) {
    const networkSlug = this.networkSlugs.get(doc.network.toString());
    if (doc.status !== 'published' || !networkSlug) return undefined;
    return toDirectoryEntry(doc, networkSlug, this.aliases, { shared: this.options.store.shared, word });
  }

  private async catchUp(): Promise<void> {
    if (!(await this.feedReaches(this.cursor))) {
      // The feed was pruned past our position (the database was away for long): start over.
      this.options.logger.warn('directory fell behind the change feed; rebuilding');
      await this.rebuild();
      return;
    }
    const entries = await changesSince(new Date(this.cursor.getTime() - OVERLAP_MS), this.applied);
    // Locations the feed brought as written (the latest per id, entries being oldest first), and those to read.
    const written = new Map<string, ListedLocation>();
    const lookUp = new Set<string>();
    const networkIds = new Set<string>();
    for (const entry of entries) {
      if (entry.collectionName === 'networks') {
        for (const id of entry.documentIds) networkIds.add(id);
        continue;
      }
      // Other read models follow the same feed (demand signals, …): nothing of the directory's.
      if (entry.collectionName !== 'locations') continue;
      entry.documentIds.forEach((id, i) => {
        const doc = entry.deleted ? undefined : entry.documents?.[i];
        if (doc) written.set(id, doc as unknown as ListedLocation);
        else lookUp.add(id);
      });
    }
    if (networkIds.size) {
      const renamed = await this.loadNetworks([...networkIds]);
      // A network's new slug must reach its locations' entries.
      for (const id of this.options.store.index.ids()) {
        if (renamed.includes(this.options.store.index.getById(id)!.networkId)) lookUp.add(id);
      }
    }
    // What is read now is newer than any document in the feed.
    for (const id of lookUp) written.delete(id);
    for (const [id, doc] of written) this.applyWritten(id, doc);
    if (lookUp.size) await this.applyLocations([...lookUp]);
    for (const entry of entries) {
      this.applied.set(entry._id.toString(), entry.at.getTime());
      if (entry.at > this.cursor) this.cursor = entry.at;
    }
    const horizon = this.cursor.getTime() - OVERLAP_MS;
    for (const [id, at] of this.applied) if (at < horizon) this.applied.delete(id);
    for (const [id, { at }] of this.removedAt) if (at < horizon) this.removedAt.delete(id);
    this.lastSyncAt = new Date();
    await this.pruneNow();
    await this.offerCheckpoint();
  }

  /** A location as the feed brought it, unless the index already reflects a later write of it. */
  private applyWritten(id: string, doc: ListedLocation): void {
    const updatedAt = doc.updatedAt.getTime();
    const seen = this.options.store.index.getById(id)?.updatedAt ?? this.removedAt.get(id)?.updatedAt;
    if (seen !== undefined && seen > updatedAt) return;
    this.place(id, doc, updatedAt);
  }

  /** Puts a location in the index, or takes it out when it is not (or no longer) listed. */
  private place(id: string, doc: ListedLocation | undefined, updatedAt: number): void {
    const entry = doc && this.entryFor(doc);
    if (entry) {
      this.options.store.index.upsert(entry);
      this.removedAt.delete(id);
      return;
    }
    this.options.store.index.remove(id);
    this.removedAt.set(id, { updatedAt, at: this.cursor.getTime() });
  }

  /** Reads the changed locations by id; ids no longer found (deleted) or not published leave the index. */
  private async applyLocations(ids: string[]): Promise<void> {
    const found = new Set<string>();
    for (const location of await this.options.listings.byIds(ids)) {
      const id = location._id.toString();
      found.add(id);
      this.place(id, location, location.updatedAt.getTime());
    }
    for (const id of ids) if (!found.has(id)) this.place(id, undefined, Infinity);
  }

  private async pruneNow(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await pruneChanges();
  }
}
