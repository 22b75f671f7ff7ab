// Word index of the directory: folded tokens to entry ids, with prefix matching ("cowork" finds "coworking").

/**
 * Most tokens belong to one entry (a house number, a rare name): those keep the id itself rather than a Set of one,
 * which would cost about a hundred bytes each.
 */
type Posting = string | Set<string>;

export class TextIndex {
  private readonly postings = new Map<string, Posting>();
  private sortedTokens: string[] | undefined;

  add(id: string, tokens: Iterable<string>): void {
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

  /**
   * The tokens starting with `prefix`, as a range of the sorted tokens, and how many ids they hold (an id once per
   * token: enough to rank prefixes).
   */
  private prefixRange(prefix: string): { from: number; to: number; weight: number } {
    const tokens = this.sorted();
    const from = this.lowerBound(tokens, prefix);
    let to = from;
    let weight = 0;
    for (; to < tokens.length && tokens[to]!.startsWith(prefix); to += 1) {
      const posting = this.postings.get(tokens[to]!)!;
      weight += typeof posting === 'string' ? 1 : posting.size;
    }
    return { from, to, weight };
  }

  /**
   * Ids having, for every query token, a token that starts with it; undefined when there are no query tokens.
   * Only the rarest query token's ids are gathered: each is then tested against the other query tokens through
   * `tokensOf`, its own tokens. Gathering every token's ids instead meant unions of tens of thousands of ids for a
   * common prefix ("de", "saint") on most searches for a place name.
   */
  search(queryTokens: string[], tokensOf: (id: string) => readonly string[]): Set<string> | undefined {
    if (queryTokens.length === 0) return undefined;
    const ranked = [...new Set(queryTokens)]
      .map((prefix) => ({ prefix, ...this.prefixRange(prefix) }))
      .sort((a, b) => a.weight - b.weight);
    const [rarest, ...others] = ranked;
    const tokens = this.sorted();
    const result = new Set<string>();
    const consider = (id: string) => {
      if (result.has(id)) return;
      const own = tokensOf(id);
      if (others.every(({ prefix }) => own.some((token) => token.startsWith(prefix)))) result.add(id);
    };
    for (let i = rarest!.from; i < rarest!.to; i += 1) {
      const posting = this.postings.get(tokens[i]!)!;
      if (typeof posting === 'string') consider(posting);
      else for (const id of posting) consider(id);
    }
    return result;
  }
}
