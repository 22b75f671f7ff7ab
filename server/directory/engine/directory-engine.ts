// The directory engine: one instance holds a whole read model (entries, words, filters, clusters, map tiles, view
// counts, cached answers) and the follower that keeps it current. Nothing of it is shared with another instance.
import type { Principal } from '../../shared/principal.ts';
import {
  DirectoryAnswers,
  filtersFrom,
  type DirectoryFeatureCollection,
  type ListPage,
  type SearchQuery,
} from './directory-answers.ts';
import { DirectoryIndex, type NetworkSummary } from './directory-index.ts';
import { SharedValues } from './indexed-entry.ts';
import { MapAnswerCache, type MapAnswer } from './map-answer-cache.ts';
import type { PlaceNameTable } from './place-names.ts';
import { viewerClass, type ViewerClass } from './viewer-class.ts';

/** Fills an engine's index from the database and keeps it current (the change follower, in `../sync/`). */
export interface DirectoryFollower {
  /** Builds the index (from the checkpoint, or from the listings), then follows changes until stop(). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** A round of following that starts after every write made before the call. */
  poll(): Promise<void>;
  /** Returns once every write this process made before the call is applied: a poll when one is not yet. */
  includeLocalWrites(): Promise<void>;
  /** When the index last caught up with the database. */
  readonly lastSyncAt: Date | undefined;
  /** Where the last start read the index from. */
  readonly startedFrom: 'checkpoint' | 'listings' | undefined;
}

/** What a follower fills: the index, with what its entries are made with. */
export interface EngineStore {
  readonly index: DirectoryIndex;
  readonly placeNames: PlaceNameTable;
  readonly shared: SharedValues;
}

/** What the web edge, the health check and `main.ts` use of the directory. */
export interface DirectoryEngine {
  readonly follower: DirectoryFollower;
  /** The entries as searched: filled by the follower, read directly by tests and the bench. */
  readonly index: DirectoryIndex;
  /** Grows with every change: what is derived from the read model holds until it changes. */
  readonly version: number;
  /** How many places are listed. */
  readonly size: number;
  /**
   * The id of the place listed under `slug`, with every write this process made applied; undefined when no place is
   * listed so; null while the index is not built yet (nobody can tell then).
   */
  listedPlaceId(slug: string): Promise<string | undefined | null>;
  /** The class of viewers whose answers `principal` gets (see viewer-class.ts). */
  viewerClass(principal: Readonly<Principal>): ViewerClass;
  /** Builds, ahead of the first visitor, what the map's first view needs: the unfiltered set's clusters. */
  warmUp(): void;
  /** The countries that have at least one listed place. */
  countries(): string[];
  /** The networks that have at least one listed place. */
  listedNetworks(): NetworkSummary[];
  listPage(query: SearchQuery, viewer: ViewerClass, lang: string): ListPage;
  /** The map's answer for `url` in `lang` for `viewer`, if one is cached and still holds. */
  cachedMapAnswer(viewer: ViewerClass, lang: string, url: string): MapAnswer | undefined;
  /** The map's answer to `query`, parsed from `raw`, the query of `url`; cached if it earns room. */
  mapAnswer(
    viewer: ViewerClass,
    lang: string,
    url: string,
    raw: Record<string, unknown>,
    query: SearchQuery,
  ): MapAnswer;
  /** The map's answer as objects, for code that reads it rather than sends it (tests, the bench). */
  mapFeatures(query: SearchQuery, viewer: ViewerClass, lang: string): DirectoryFeatureCollection;
  /**
   * The ids of the places the list finds for `query` (in its view, when it names one), in list order, walked as they
   * are read: an export of 100,000 places holds no array of them.
   */
  resultIds(query: SearchQuery): FoundIds;
}

/** How many places a search found, and their ids, read once. */
export interface FoundIds {
  count: number;
  ids: Iterable<string>;
  /** The languages the places are written in and named in, sorted: the columns of a CSV export. */
  languages: string[];
}

export interface EngineOptions {
  placeNames: PlaceNameTable;
  /** Makes the follower that fills this engine's store. */
  follow: (store: EngineStore) => DirectoryFollower;
}

export class InMemoryDirectory implements DirectoryEngine, EngineStore {
  readonly index = new DirectoryIndex();
  readonly shared = new SharedValues();
  readonly placeNames: PlaceNameTable;
  readonly follower: DirectoryFollower;
  private readonly answers: DirectoryAnswers;
  private readonly mapAnswers: MapAnswerCache;

  constructor({ placeNames, follow }: EngineOptions) {
    this.placeNames = placeNames;
    this.answers = new DirectoryAnswers(this.index, placeNames);
    this.mapAnswers = new MapAnswerCache(this.answers);
    this.follower = follow(this);
  }

  get version(): number {
    return this.index.version;
  }

  get size(): number {
    return this.index.size;
  }

  async listedPlaceId(slug: string): Promise<string | undefined | null> {
    if (!this.follower.lastSyncAt) return null;
    // Unreachable database: the index answers as it stands, which is what the directory serves meanwhile.
    await this.follower.includeLocalWrites().catch(() => undefined);
    return this.index.getBySlug(slug)?.id;
  }

  viewerClass(principal: Readonly<Principal>): ViewerClass {
    return viewerClass(principal);
  }

  warmUp(): void {
    this.index.search({}).clusterIndex();
  }

  countries(): string[] {
    return this.index.countries();
  }

  listedNetworks(): NetworkSummary[] {
    return this.index.listedNetworks();
  }

  listPage(query: SearchQuery, viewer: ViewerClass, lang: string): ListPage {
    return this.answers.listPage(query, viewer, lang);
  }

  cachedMapAnswer(viewer: ViewerClass, lang: string, url: string): MapAnswer | undefined {
    return this.mapAnswers.find(viewer, lang, url);
  }

  mapAnswer(
    viewer: ViewerClass,
    lang: string,
    url: string,
    raw: Record<string, unknown>,
    query: SearchQuery,
  ): MapAnswer {
    return this.mapAnswers.compute(viewer, lang, url, raw, query);
  }

  mapFeatures(query: SearchQuery, viewer: ViewerClass, lang: string): DirectoryFeatureCollection {
    return this.answers.mapFeatures(query, viewer, lang);
  }

  resultIds(query: SearchQuery): FoundIds {
    const { entries } = this.index.search(filtersFrom(query));
    const box = query.bbox;
    const inView = ({ lng, lat }: { lng: number; lat: number }) =>
      !box || (lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3]);
    let count = 0;
    const languages = new Set<string>();
    for (const entry of entries) {
      if (!inView(entry)) continue;
      count += 1;
      languages.add(entry.language);
      for (const lang of Object.keys(entry.name)) languages.add(lang);
    }
    function* ids() {
      for (const entry of entries) if (inView(entry)) yield entry.id;
    }
    return { count, ids: ids(), languages: [...languages].sort() };
  }
}
