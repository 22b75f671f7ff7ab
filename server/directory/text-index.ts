// Word index of the directory: folded tokens to entry ids, with prefix matching ("cowork" finds "coworking").

/**
 * Most tokens belong to one entry (a house number, a rare name): those keep the id itself rather than a Set of one,
 * which would cost about a hundred bytes each.
 */
type Posting = string | Set<string>;

export class TextIndex {
  private readonly postings = new Map<string, Posting>();
  private sortedTokens: string[] | undefined;
  /** Prefix matches of recent queries: a common word ("coworking") unions many postings. Dropped on any change. */
  private readonly prefixCache = new Map<string, ReadonlySet<string>>();

  add(id: string, tokens: Iterable<string>): void {
    this.prefixCache.clear();
    for (const token of tokens) {
      const posting = this.postings.get(token);
      if (posting === undefined) {
        this.postings.set(token, id);
        this.sortedTokens = undefined;
      } else if (typeof posting === 'string') {
        if (posting !== id) this.postings.set(token, new Set([posting, id]));
      } else {
        posting.add(id);
      }
    }
  }

  remove(id: string, tokens: Iterable<string>): void {
    this.prefixCache.clear();
    for (const token of tokens) {
      const posting = this.postings.get(token);
      if (posting === undefined) continue;
      if (typeof posting === 'string') {
        if (posting !== id) continue;
        this.postings.delete(token);
        this.sortedTokens = undefined;
        continue;
      }
      posting.delete(id);
      if (posting.size === 1) this.postings.set(token, posting.values().next().value!);
    }
  }

  private sorted(): string[] {
    return (this.sortedTokens ??= [...this.postings.keys()].sort());
  }

  private lowerBound(tokens: string[], value: string): number {
    let low = 0;
    let high = tokens.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (tokens[mid]! < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Ids having a token that starts with `prefix`. */
  matchPrefix(prefix: string): ReadonlySet<string> {
    const cached = this.prefixCache.get(prefix);
    if (cached) return cached;
    const tokens = this.sorted();
    const result = new Set<string>();
    for (let i = this.lowerBound(tokens, prefix); i < tokens.length && tokens[i]!.startsWith(prefix); i += 1) {
      const posting = this.postings.get(tokens[i]!)!;
      if (typeof posting === 'string') result.add(posting);
      else for (const id of posting) result.add(id);
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
