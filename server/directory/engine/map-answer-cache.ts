// The map API's answers by viewer class, language and URL, as bytes ready to send: many visitors looking at the same
// region, or one panning back, cost a lookup instead of a search, clustering and serialising.
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { DirectoryAnswers, SearchQuery } from './directory-answers.js';
import type { ViewerClass } from './viewer-class.js';

export interface MapAnswer {
  readonly body: Buffer;
  /** Until when the answer holds, in ms since the epoch: "open now" changes with the clock. */
  readonly validUntil: number;
  /**
   * An answer is a function of the index version, the URL, the viewer class, the language and, for "open now", the
   * minute; as HTTP caches keep an ETag per URL, those name it without hashing the body (which cost as much as building
   * it from tiles). The cache's own random prefix keeps a restarted server, or another engine in the process, from
   * reusing a version number for other content.
   */
  readonly etag: string;
}

/**
 * Bounded by bytes, as one answer at a low zoom can weigh a hundred times one at street level: enough for the views
 * everyone opens and a thousand street-level ones.
 */
const MAX_BYTES = 8 * 2 ** 20;
/** What a kept answer costs beside its body and its key (the record, its ETag, the cache's entry, the Buffer). */
export const ENTRY_OVERHEAD_BYTES = 700;
/** Opening hours have a resolution of one minute. */
const MINUTE_MS = 60_000;

/** The least recently used answers make room for new ones. */
export class MapAnswerCache {
  private readonly answers: LRUCache<string, MapAnswer>;
  private version = -1;
  /** Begins every ETag of this cache (see MapAnswer.etag). */
  private readonly tag = randomBytes(6).toString('base64url');

  constructor(
    private readonly source: DirectoryAnswers,
    maxBytes = MAX_BYTES,
  ) {
    this.answers = new LRUCache<string, MapAnswer>({
      maxSize: maxBytes,
      sizeCalculation: (answer, key) => ENTRY_OVERHEAD_BYTES + key.length + answer.body.length,
    });
  }

  /** The answer for `url` in `lang` for `viewer`'s class, if one was computed on the index as it is and still holds. */
  find(viewer: ViewerClass, lang: string, url: string): MapAnswer | undefined {
    if (this.version !== this.source.index.version) return undefined;
    const key = `${viewer}|${lang}|${url}`;
    const answer = this.answers.get(key);
    if (!answer) return undefined;
    if (answer.validUntil <= Date.now()) {
      this.answers.delete(key);
      return undefined;
    }
    return answer;
  }

  /** Computes the answer to `query` (parsed from `raw`, the query of `url`) in `lang` for `viewer`'s class, and keeps it. */
  compute(viewer: ViewerClass, lang: string, url: string, raw: Record<string, unknown>, query: SearchQuery): MapAnswer {
    const { index } = this.source;
    if (this.version !== index.version) {
      this.answers.clear();
      this.version = index.version;
    }
    const until = validUntil(raw, query);
    const etag = `W/"${this.tag}-${this.version.toString(36)}-${viewer}-${lang}${Number.isFinite(until) ? `-${until.toString(36)}` : ''}"`;
    const answer: MapAnswer = { body: this.source.mapAnswerBody(query, viewer, lang), validUntil: until, etag };
    this.answers.set(`${viewer}|${lang}|${url}`, answer);
    return answer;
  }
}

/** "Now" was read from the clock while parsing: such an answer holds for the rest of that minute. */
function validUntil(raw: Record<string, unknown>, query: SearchQuery): number {
  if (raw.openAt !== 'now' || query.openAt?.kind !== 'instant') return Infinity;
  return (Math.floor(query.openAt.instant.getTime() / MINUTE_MS) + 1) * MINUTE_MS;
}
