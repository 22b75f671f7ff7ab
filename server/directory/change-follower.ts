// Keeps the directory index current by following the change cursor: locations by updatedAt, plus tombstones.
import { LocationModel } from '../locations/index.js';
import { NetworkModel } from '../networks/index.js';
import { TombstoneModel } from '../shared/events/tombstone.model.js';
import type { Logger } from '../shared/logging/logger.js';
import { toDirectoryEntry, type DirectorySource } from './directory-entry.js';
import type { DirectoryIndex } from './directory-index.js';
import type { PlaceNameTable } from './place-names.js';

/**
 * Writes from other servers may carry slightly older clocks; each poll re-reads this window before the cursor and
 * applies it again, which is harmless because applying a change is idempotent.
 */
const OVERLAP_MS = 5000;

const LISTED_FIELDS =
  'slug language name description type model address coordinates facilities openingHours timeZone network status updatedAt';

export interface FollowerOptions {
  index: DirectoryIndex;
  placeNames: PlaceNameTable;
  logger: Logger;
  pollMs: number;
}

export class ChangeFollower {
  private locationCursor = new Date(0);
  private tombstoneCursor = new Date(0);
  private networkCursor = new Date(0);
  private readonly networkSlugs = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  lastSyncAt: Date | undefined;

  constructor(private readonly options: FollowerOptions) {}

  /** Builds the index from the database, then keeps polling until stop(). */
  async start(): Promise<void> {
    const started = Date.now();
    await this.poll();
    this.options.logger.info({ locations: this.options.index.size, ms: Date.now() - started }, 'directory index built');
    this.schedule();
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

  private round(): Promise<void> {
    this.running ??= this.catchUp().finally(() => {
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

  private since(cursor: Date): Date {
    return new Date(Math.max(0, cursor.getTime() - OVERLAP_MS));
  }

  private async catchUp(): Promise<void> {
    await this.followNetworks();
    await this.followLocations();
    await this.followTombstones();
    this.lastSyncAt = new Date();
  }

  private async followNetworks(): Promise<void> {
    const changed = await NetworkModel.find({ updatedAt: { $gte: this.since(this.networkCursor) } })
      .select('slug name language updatedAt')
      .lean();
    for (const network of changed) {
      const id = network._id.toString();
      const renamed = this.networkSlugs.has(id) && this.networkSlugs.get(id) !== network.slug;
      this.networkSlugs.set(id, network.slug);
      this.options.index.networks.set(id, {
        slug: network.slug,
        name: network.name as Record<string, string>,
        language: network.language,
      });
      if (network.updatedAt > this.networkCursor) this.networkCursor = network.updatedAt;
      // A network's new slug must reach its locations' entries, so they are read again.
      if (renamed) this.locationCursor = new Date(0);
    }
  }

  private async followLocations(): Promise<void> {
    const { index, placeNames } = this.options;
    const cursor = LocationModel.find({ updatedAt: { $gte: this.since(this.locationCursor) } })
      .select(LISTED_FIELDS)
      .sort({ updatedAt: 1, _id: 1 })
      .lean()
      .cursor({ batchSize: 2000 });
    const aliases = (country: string, locality: string) => placeNames.aliasesFor(country, locality);
    for await (const doc of cursor) {
      const id = doc._id.toString();
      if (doc.updatedAt > this.locationCursor) this.locationCursor = doc.updatedAt;
      const networkSlug = this.networkSlugs.get(doc.network.toString());
      if (doc.status !== 'published' || !networkSlug) {
        index.remove(id);
        continue;
      }
      index.upsert(toDirectoryEntry(doc as unknown as DirectorySource, networkSlug, aliases));
    }
  }

  private async followTombstones(): Promise<void> {
    const removed = await TombstoneModel.find({
      collectionName: 'locations',
      deletedAt: { $gte: this.since(this.tombstoneCursor) },
    }).lean();
    for (const tombstone of removed) {
      this.options.index.remove(tombstone.documentId);
      if (tombstone.deletedAt > this.tombstoneCursor) this.tombstoneCursor = tombstone.deletedAt;
    }
  }
}
