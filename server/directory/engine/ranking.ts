// The order of a search's results: how well each place matches the words, then the list order.
import type { DirectoryEntry } from './directory-entry.ts';
import type { QueryTerm } from './type-words.ts';

/**
 * How one query word matches a place, best first: a whole word of its name, locality or region; the start of one; a
 * whole word of its description, street or postcode; the start of one. -1 when it does not match at all.
 */
export const TIER = { primaryWord: 3, primaryPrefix: 2, otherWord: 1, otherPrefix: 0, none: -1 } as const;

export function tierOf(entry: DirectoryEntry, queryToken: string): number {
  const { tokens, primaryTokens } = entry;
  let best: number = TIER.none;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const primary = i < primaryTokens;
    if (!primary && best === TIER.primaryPrefix) return best;
    if (token === queryToken) return primary ? TIER.primaryWord : TIER.otherWord;
    if (best === TIER.none && token.startsWith(queryToken)) best = primary ? TIER.primaryPrefix : TIER.otherPrefix;
  }
  return best;
}

/** The sum of the query terms' tiers: a type named by the query counts as a whole word of the place's name. */
export function scoreOf(entry: DirectoryEntry, terms: readonly QueryTerm[]): number {
  let score = 0;
  for (const term of terms) {
    if ('token' in term) score += tierOf(entry, term.token);
    else if (term.types.has(entry.type)) score += TIER.primaryWord;
    else score += Math.min(...term.tokens.map((token) => tierOf(entry, token)));
  }
  return score;
}

/**
 * `entries` (in list order) from the best match to the worst, in list order among equals. Scores are small whole
 * numbers, so the entries are put in one bucket per score rather than sorted: a common word matches tens of thousands.
 */
export function inRankOrder(entries: readonly DirectoryEntry[], terms: readonly QueryTerm[]): DirectoryEntry[] {
  const buckets: DirectoryEntry[][] = [];
  for (const entry of entries) {
    // A matching place scores at least 0 for every term: the bucket's index is never negative.
    const at = Math.max(0, scoreOf(entry, terms));
    (buckets[at] ??= []).push(entry);
  }
  // Concatenated rather than spread into push(): a bucket may hold more values than a call takes arguments.
  return buckets.reverse().flatMap((bucket) => bucket ?? []);
}
