// Each map feature's JSON per result set and language, and each cluster's expansion zoom, kept once computed: a
// freshly panned view then costs the cluster lookup and string joins, not building and serialising every feature.
import type { ResultSet } from './directory-index.js';

/**
 * Held across every result set: past it all memos are emptied and refill from the views people look at. 100,000
 * places serialised in one language take about 25 MB, so this holds the busy parts of the map in a few languages.
 */
const MEMO_BUDGET_BYTES = 32 * 2 ** 20;
/** What a map entry costs beside its string's characters, roughly. */
const ENTRY_OVERHEAD_BYTES = 48;

type Table = Map<number, string>;

/** The memo of one result set at one index version. */
export class FeatureMemo {
  private readonly zooms = new Map<number, number>();
  /** By language, then by kind: clusters by cluster id, places by their position in the result set. */
  private readonly tables = new Map<string, { cluster: Table; place: Table }>();
  constructor(readonly version: number) {}

  expansionZoom(clusterId: number, compute: (clusterId: number) => number): number {
    let zoom = this.zooms.get(clusterId);
    if (zoom === undefined) {
      zoom = compute(clusterId);
      hold(this, ENTRY_OVERHEAD_BYTES);
      this.zooms.set(clusterId, zoom);
    }
    return zoom;
  }

  /** The language's JSON table for clusters or places. */
  table(lang: string, kind: 'cluster' | 'place'): Table {
    let tables = this.tables.get(lang);
    if (!tables) {
      tables = { cluster: new Map(), place: new Map() };
      this.tables.set(lang, tables);
    }
    return tables[kind];
  }

  /** Keeps `json` in `table`, a table of this memo's, and returns it. */
  remember(table: Table, id: number, json: string): string {
    hold(this, ENTRY_OVERHEAD_BYTES + json.length);
    table.set(id, json);
    return json;
  }

  /** Keeps the tables themselves: a request that is filling one holds it. */
  empty(): void {
    this.zooms.clear();
    for (const { cluster, place } of this.tables.values()) {
      cluster.clear();
      place.clear();
    }
  }
}

const memos = new WeakMap<ResultSet, FeatureMemo>();
/** Memos holding anything, so the budget can empty them all; a memo whose result set is gone waits here until then. */
const holding = new Set<FeatureMemo>();
let heldBytes = 0;

function hold(memo: FeatureMemo, bytes: number): void {
  if (heldBytes + bytes > MEMO_BUDGET_BYTES) emptyAll();
  heldBytes += bytes;
  holding.add(memo);
}

function emptyAll(): void {
  for (const memo of holding) memo.empty();
  holding.clear();
  heldBytes = 0;
}

/** The index version the memos describe; memos exist for one version at a time. */
let memoVersion: number | undefined;

/**
 * The memo of `result` at the index's `version`. A new version means the index changed: every memo is emptied, as
 * what they hold may describe places as they were.
 */
export function featureMemo(result: ResultSet, version: number): FeatureMemo {
  if (version !== memoVersion) {
    emptyAll();
    memoVersion = version;
  }
  let memo = memos.get(result);
  if (memo?.version !== version) {
    memo = new FeatureMemo(version);
    memos.set(result, memo);
  }
  return memo;
}
