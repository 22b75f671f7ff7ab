// Word index of the directory: folded tokens to entry ids, with prefix matching ("cowork" finds "coworking").
export class TextIndex {
  private readonly postings = new Map<string, Set<string>>();
  private sortedTokens: string[] | undefined;
  /** Prefix matches of recent queries: a common word ("coworking") unions many postings. Dropped on any change. */
  private readonly prefixCache = new Map<string, Set<string>>();

  add(id: string, tokens: Iterable<string>): void {
    this.prefixCache.clear();
    for (const token of tokens) {
      let ids = this.postings.get(token);
      if (!ids) {
        ids = new Set();
        this.postings.set(token, ids);
        this.sortedTokens = undefined;
      }
      ids.add(id);
    }
  }

  remove(id: string, tokens: Iterable<string>): void {
    this.prefixCache.clear();
    for (const token of tokens) {
      const ids = this.postings.get(token);
      if (!ids) continue;
      ids.delete(id);
      if (ids.size === 0) {
        this.postings.delete(token);
        this.sortedTokens = undefined;
      }
    }
  }

  /** Ids having a token that starts with `prefix`. */
  matchPrefix(prefix: string): Set<string> {
    const cached = this.prefixCache.get(prefix);
    if (cached) return cached;
    const tokens = (this.sortedTokens ??= [...this.postings.keys()].sort());
    const result = new Set<string>();
    let low = 0;
    let high = tokens.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (tokens[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < tokens.length && tokens[i]!.startsWith(prefix); i += 1) {
      for (const id of this.postings.get(tokens[i]!)!) result.add(id);
    }
    if (this.prefixCache.size >= 256) this.prefixCache.delete(this.prefixCache.keys().next().value!);
    this.prefixCache.set(prefix, result);
    return result;
  }

  /** Ids matching every query token (as a prefix); undefined when there are no query tokens. */
  search(queryTokens: string[]): Set<string> | undefined {
    if (queryTokens.length === 0) return undefined;
    const sets = queryTokens.map((token) => this.matchPrefix(token)).sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = sets;
    const result = new Set<string>();
    for (const id of smallest!) if (rest.every((set) => set.has(id))) result.add(id);
    return result;
  }
}
