// The in-memory read model of the directory: every published location, searchable, filterable and clustered.
import { tokenize } from '../../shared/text/normalize.ts';
import type { DirectoryEntry } from './directory-entry.ts';
import { entryPredicate, filtersKey, type DirectoryFilters } from './directory-filters.ts';
import { TextIndex } from './text-index.ts';
import { ClusterIndex } from './cluster-index.ts';
import { inRankOrder } from './ranking.ts';
import { queryTerms, type TypePhrase } from './type-words.ts';

export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Cluster radius in pixels of a 512-pixel tile (supercluster's measure), and the deepest zoom that clusters. */
export const CLUSTER_RADIUS_PX = 60;
export const CLUSTER_MAX_ZOOM = 16;

/** The locations matching one filter set, in list order (best match first for a search by words), with their clusters built on first use. */
export class ResultSet {
  private clusters: ClusterIndex | undefined;
  /** lng, lat pairs in list order: counting a map view scans numbers, not objects. */
  private positions: Float64Array | undefined;
  private extent: BBox | undefined;

  /**
   * Whether the index keeps this set for later searches: only then is it worth keeping anything built for it (map
   * tiles). A set made for one search is garbage once answered, and should die young.
   */
  kept = false;

  readonly entries: readonly DirectoryEntry[];
  /** Places left out by "open at" only because their hours then are unknown (see entryPredicate). */
  readonly unknownHours: number;
  constructor(entries: readonly DirectoryEntry[], unknownHours = 0) {
    this.entries = entries;
    this.unknownHours = unknownHours;
  }

  private coordinates(): Float64Array {
    if (!this.positions) {
      this.positions = new Float64Array(this.entries.length * 2);
      this.entries.forEach((e, i) => {
        this.positions![2 * i] = e.lng;
        this.positions![2 * i + 1] = e.lat;
      });
    }
    return this.positions;
  }

  /** How many entries lie in the view, and the `limit` of them after `offset`, in list order. */
  inBox(bbox: BBox | undefined, offset = 0, limit = Infinity): { count: number; page: DirectoryEntry[] } {
    if (!bbox) {
      return { count: this.entries.length, page: this.entries.slice(offset, offset + limit) };
    }
    const [minLng, minLat, maxLng, maxLat] = bbox;
    const xy = this.coordinates();
    const page: DirectoryEntry[] = [];
    let count = 0;
    for (let i = 0; i < this.entries.length; i += 1) {
      const lng = xy[2 * i]!;
      const lat = xy[2 * i + 1]!;
      if (lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat) {
        if (count >= offset && page.length < limit) page.push(this.entries[i]!);
        count += 1;
      }
    }
    return { count, page };
  }

  /** The smallest box holding every entry (undefined for none): where the map goes to show a new search. */
  bounds(): BBox | undefined {
    if (this.entries.length === 0) return undefined;
    if (!this.extent) {
      const xy = this.coordinates();
      const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
      for (let i = 0; i < xy.length; i += 2) {
        box[0] = Math.min(box[0], xy[i]!);
        box[1] = Math.min(box[1], xy[i + 1]!);
        box[2] = Math.max(box[2], xy[i]!);
        box[3] = Math.max(box[3], xy[i + 1]!);
      }
      this.extent = box;
    }
    return this.extent;
  }

  /** Roughly what this set holds in memory: its list, its positions and, once built, its clusters (all zooms). */
  approximateBytes(): number {
    const n = this.entries.length;
    return n * (8 + (this.positions ? 16 : 0)) + (this.clusters?.bytes ?? 0);
  }

  /** The set's clusters at every zoom; a place's ref is its index in `entries`. */
  clusterIndex(): ClusterIndex {
    this.clusters ??= new ClusterIndex(this.coordinates(), {
      radiusPx: CLUSTER_RADIUS_PX,
      maxZoom: CLUSTER_MAX_ZOOM,
    });
    return this.clusters;
  }
}

/**
 * Filtered result sets kept for repeated searches, bounded by count and by memory: a set matching half the directory
 * holds tens of megabytes once clustered. The unfiltered set, behind every first visit, is kept apart and always.
 */
const RESULT_CACHE_SIZE = 256;
const RESULT_CACHE_BYTES = 32 * 2 ** 20;
/**
 * A filtered set is kept from its second search within this many searches on: sets asked for once (most of a crowd's
 * searches) were otherwise kept long enough to reach V8's old generation, which grew by hundreds of megabytes of
 * garbage under varied searches.
 */
const ASKED_BEFORE_WINDOW = 4096;

export interface NetworkSummary {
  slug: string;
  name: Record<string, string | undefined>;
  language: string;
  /** The peer a network was followed from, whose name its places show ("Listed by …"). */
  listedBy?: string;
}

const UNFILTERED_KEY = filtersKey({});

/** The list's order: by name in the record's own language, then by slug (unique). */
const byListOrder = (a: DirectoryEntry, b: DirectoryEntry): number =>
  a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.slug < b.slug ? -1 : 1;

export class DirectoryIndex {
  /** Networks by id, for filters and labels. */
  readonly networks = new Map<string, NetworkSummary>();
  private readonly byId = new Map<string, DirectoryEntry>();
  private readonly bySlug = new Map<string, DirectoryEntry>();
  private readonly text = new TextIndex();
  private ordered: DirectoryEntry[] | undefined;
  private facetCache: { version: number; countries: string[]; networkIds: string[] } | undefined;
  private readonly results = new Map<string, ResultSet>();
  private unfiltered: ResultSet | undefined;
  /** Filter sets searched lately and not kept, oldest first. */
  private readonly askedOnce = new Set<string>();
  /** Grows with every change, so caches built on an older state are dropped. */
  version = 0;

  get size(): number {
    return this.byId.size;
  }

  getBySlug(slug: string): DirectoryEntry | undefined {
    return this.bySlug.get(slug);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  entries(): DirectoryEntry[] {
    return [...this.byId.values()];
  }

  getById(id: string): DirectoryEntry | undefined {
    return this.byId.get(id);
  }

  upsert(entry: DirectoryEntry): void {
    const previous = this.byId.get(entry.id);
    // Followers may see a change twice (cursor overlap): an older copy never replaces a newer one.
    if (previous && previous.updatedAt > entry.updatedAt) return;
    if (previous) this.detach(previous);
    this.byId.set(entry.id, entry);
    this.bySlug.set(entry.slug, entry);
    this.text.add(entry.id, entry.tokens);
    this.changed();
  }

  remove(id: string): void {
    const previous = this.byId.get(id);
    if (!previous) return;
    this.detach(previous);
    this.changed();
  }

  private detach(entry: DirectoryEntry): void {
    this.byId.delete(entry.id);
    if (this.bySlug.get(entry.slug) === entry) this.bySlug.delete(entry.slug);
    this.text.remove(entry.id, entry.tokens);
  }

  private changed(): void {
    this.version += 1;
    this.ordered = undefined;
    this.results.clear();
    this.askedOnce.clear();
    this.unfiltered = undefined;
  }

  /** The countries and network ids that have at least one listed location; computed once per version. */
  private facets(): { version: number; countries: string[]; networkIds: string[] } {
    if (this.facetCache?.version !== this.version) {
      const countries = new Set<string>();
      const networkIds = new Set<string>();
      for (const e of this.byId.values()) {
        countries.add(e.countryCode);
        networkIds.add(e.networkId);
      }
      this.facetCache = { version: this.version, countries: [...countries].sort(), networkIds: [...networkIds] };
    }
    return this.facetCache;
  }

  /** The countries that have at least one listed location. */
  countries(): string[] {
    return this.facets().countries;
  }

  /** The networks that have at least one listed location. */
  listedNetworks(): NetworkSummary[] {
    return this.facets()
      .networkIds.flatMap((id) => this.networks.get(id) ?? [])
      .sort((a, b) => a.slug.localeCompare(b.slug));
  }

  private inListOrder(): DirectoryEntry[] {
    this.ordered ??= [...this.byId.values()].sort(byListOrder);
    return this.ordered;
  }

  /** The locations matching `filters`, in list order or ranked (see `matching`); repeated filter sets are answered from a cache. */
  search(filters: DirectoryFilters): ResultSet {
    const key = filtersKey(filters);
    if (key === UNFILTERED_KEY) {
      if (!this.unfiltered) {
        this.unfiltered = new ResultSet(this.inListOrder());
        this.unfiltered.kept = true;
      }
      return this.unfiltered;
    }
    const cached = this.results.get(key);
    if (cached) {
      // Re-insert so the map keeps least recently used entries first.
      this.results.delete(key);
      this.results.set(key, cached);
      return cached;
    }
    const { entries, unknownHours } = this.matching(filters);
    const result = new ResultSet(entries, unknownHours);
    if (!this.askedOnce.delete(key)) {
      this.askedOnce.add(key);
      if (this.askedOnce.size > ASKED_BEFORE_WINDOW) this.askedOnce.delete(this.askedOnce.values().next().value!);
      return result;
    }
    this.evictFor(result);
    this.results.set(key, result);
    result.kept = true;
    return result;
  }

  /**
   * The entries matching `filters`: in list order without words, ranked by how well they match otherwise. A query word
   * naming a type ("dorpshuis", "tiers-lieu") matches the places of that type as well as those whose text has it.
   */
  private matching(filters: DirectoryFilters): { entries: DirectoryEntry[]; unknownHours: number } {
    const terms = queryTerms(tokenize(filters.q ?? ''));
    const tokensOf = (id: string) => this.byId.get(id)!.tokens;
    const plain = terms.flatMap((term) => ('token' in term ? [term.token] : []));
    const words = this.text.search(plain, tokensOf);
    const typed = terms
      .filter((term): term is TypePhrase => !('token' in term))
      .map((phrase) => ({ types: phrase.types, saying: this.text.search([...phrase.tokens], tokensOf)! }));
    const predicate = entryPredicate(filters);
    const matches = (e: DirectoryEntry) =>
      typed.every(({ types, saying }) => types.has(e.type) || saying.has(e.id)) && predicate(e);
    // Few word matches: test those and sort them, rather than walking every entry.
    const entries =
      words && words.size < this.byId.size / 8
        ? [...words]
            .map((id) => this.byId.get(id)!)
            .filter(matches)
            .sort(byListOrder)
        : this.inListOrder().filter((e) => (!words || words.has(e.id)) && matches(e));
    return {
      entries: terms.length === 0 ? entries : inRankOrder(entries, terms),
      unknownHours: predicate.unknownHours,
    };
  }

  /** Drops the least recently used sets until `incoming` fits (sets grow as their clusters are built, so re-summed). */
  private evictFor(incoming: ResultSet): void {
    let bytes = incoming.approximateBytes();
    for (const set of this.results.values()) bytes += set.approximateBytes();
    for (const [key, set] of this.results) {
      if (this.results.size < RESULT_CACHE_SIZE && bytes <= RESULT_CACHE_BYTES) break;
      bytes -= set.approximateBytes();
      this.results.delete(key);
      set.kept = false;
    }
  }
}
