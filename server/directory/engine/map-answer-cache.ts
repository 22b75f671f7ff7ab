// The map API's answers by language and URL, as bytes ready to send: many visitors looking at the same region, or
// one panning back, cost a lookup instead of a search, clustering and serialising.
import { randomBytes } from 'node:crypto';
import { COMPRESSION_THRESHOLD, compressNow, type ContentEncoding } from '../../shared/http/content-encoding.ts';
import type { DirectoryAnswers, SearchQuery } from './directory-answers.ts';
import { ResponseArena } from './response-arena.ts';
import type { ViewerClass } from './viewer-class.ts';

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
  /** For an answer sent once and not kept, whose bytes are lent by the arena: gives them back when sent. */
  readonly giveBack?: () => void;
  /**
   * Set by every hit; eviction gives a referenced answer a second chance (the CLOCK scheme) instead of a hit moving it
   * to the back of the map: deleting and re-inserting a key in a Map of thousands is slow in V8.
   */
  referenced?: boolean;
  /** For a kept answer: how many responses are sending its bytes, and whether the cache has let it go. */
  sending?: number;
  dropped?: boolean;
  /** For a kept answer: its body compressed in each encoding asked for so far, and its cache's count of its bytes. */
  encoded?: Partial<Record<ContentEncoding, Buffer>>;
  grown?: (bytes: number) => void;
}

/**
 * Bounded by bytes, as one answer at a low zoom can weigh a hundred times one at street level. Enough for the views
 * everyone opens and a thousand street-level ones; twice this made V8 collect the old generation far more often under
 * load, with pauses of its own (BENCHMARKS.md has the memory and GC figures).
 */
const MAX_BYTES = 8 * 2 ** 20;
/**
 * What a cached answer costs beside its body and the characters of its key: the key string, the record, its ETag,
 * the map's entry, and the Buffer, ArrayBuffer and native backing store of the body, as measured on small answers
 * (a search finding nothing). Counted lower, a cache full of such answers held more than twice its budget.
 */
export const ENTRY_OVERHEAD_BYTES = 700;
/** Opening hours have a resolution of one minute. */
const MINUTE_MS = 60_000;
const FREQUENCY_WINDOW = 4096;
/** Room for the answers being sent at once: many views at zoom 8, far more at street level. */
const ARENA_BYTES = 8 * 2 ** 20;
/** The map's own URLs are far shorter; longer ones (up to the 16 kB a request line may take) are not worth counting. */
const MAX_COUNTED_KEY = 512;

/**
 * How often each answer was asked for lately; counts are halved every `window` requests, so past popularity fades.
 * TinyLFU's idea with a plain Map: it holds at most 1.5 × `window` keys, none longer than `MAX_COUNTED_KEY`.
 */
class Frequencies {
  private readonly counts = new Map<string, number>();
  private recorded = 0;

  private readonly window: number;
  constructor(window: number) {
    this.window = window;
  }

  record(key: string): void {
    if (key.length > MAX_COUNTED_KEY) return;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.recorded += 1;
    if (this.recorded < this.window) return;
    this.recorded = 0;
    for (const [k, count] of this.counts) {
      if (count > 1) this.counts.set(k, count >> 1);
      else this.counts.delete(k);
    }
  }

  of(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/**
 * The oldest unreferenced answers make room for new ones, but only for answers asked for more often lately than those
 * they would push out. Without that, views cycled through faster than the cache holds (a crowd panning a wide map)
 * would replace every answer before its next use: no hits, and each evicted answer has lived long enough to be
 * garbage for a full collection of the old generation, which at a thousand answers a second means pauses of tens of
 * milliseconds every half second.
 */
export class MapAnswerCache {
  /** Oldest first (by insertion, or by a second chance given at eviction). */
  private readonly answers = new Map<string, MapAnswer>();
  private readonly frequencies = new Frequencies(FREQUENCY_WINDOW);
  private bytes = 0;
  private version = -1;
  private readonly arena = new ResponseArena(ARENA_BYTES);
  /** Begins every ETag of this cache (see MapAnswer.etag). */
  private readonly tag = randomBytes(6).toString('base64url');

  private readonly source: DirectoryAnswers;
  private readonly maxBytes;
  /** The compressed copies of a kept answer count toward the budget from when they are made. */
  private readonly grown = (bytes: number) => {
    this.bytes += bytes;
  };
  constructor(source: DirectoryAnswers, maxBytes = MAX_BYTES) {
    this.source = source;
    this.maxBytes = maxBytes;
  }

  /** The answer for `url` in `lang` for `viewer`'s class, if one was computed on the index as it is and still holds. */
  find(viewer: ViewerClass, lang: string, url: string): MapAnswer | undefined {
    const key = `${viewer}|${lang}|${url}`;
    this.frequencies.record(key);
    if (this.version !== this.source.index.version) return undefined;
    const answer = this.answers.get(key);
    if (!answer) return undefined;
    if (answer.validUntil <= Date.now()) {
      this.answers.delete(key);
      this.bytes -= sizeOf(key, heldBytes(answer));
      letGo(answer);
      return undefined;
    }
    answer.referenced = true;
    return answer;
  }

  /**
   * Computes the answer to `query` (parsed from `raw`, the query of `url`) in `lang` for `viewer`'s class, and keeps
   * it if it earns room.
   */
  compute(viewer: ViewerClass, lang: string, url: string, raw: Record<string, unknown>, query: SearchQuery): MapAnswer {
    const { index } = this.source;
    if (this.version !== index.version) {
      for (const answer of this.answers.values()) letGo(answer);
      this.answers.clear();
      this.bytes = 0;
      this.version = index.version;
    }
    const until = validUntil(raw, query);
    const etag = `W/"${this.tag}-${this.version.toString(36)}-${viewer}-${lang}${Number.isFinite(until) ? `-${until.toString(36)}` : ''}"`;
    const parts = this.source.mapAnswerParts(query, viewer, lang);
    const key = `${viewer}|${lang}|${url}`;
    const previous = this.answers.get(key);
    if (previous) {
      this.answers.delete(key);
      this.bytes -= sizeOf(key, heldBytes(previous));
      letGo(previous);
    }
    const size = sizeOf(key, parts.length);
    if (!this.makeRoom(size, this.frequencies.of(key))) {
      const { bytes, giveBack } = this.arena.take(parts.length);
      return { body: parts.join(bytes), validUntil: until, etag, giveBack };
    }
    // A kept answer gets a buffer of its own: one carved from Node's shared 8 KB pool keeps the whole slab alive for as
    // long as the answer stays, and the kept answers held far more bytes than the cache counted.
    const answer: MapAnswer = {
      body: parts.join(Buffer.allocUnsafeSlow(parts.length)),
      validUntil: until,
      etag,
      sending: 0,
      grown: this.grown,
    };
    this.answers.set(key, answer);
    this.bytes += size;
    return answer;
  }

  /**
   * Evicts the oldest unreferenced answers to fit `size`, unless one of them is asked for as often as the newcomer.
   * Referenced answers met on the way go to the back with their mark cleared; one pass at most.
   */
  private makeRoom(size: number, frequency: number): boolean {
    const victims: [string, MapAnswer][] = [];
    let bytes = this.bytes;
    let steps = this.answers.size;
    for (const [key, answer] of this.answers) {
      if (bytes + size <= this.maxBytes || steps-- <= 0) break;
      if (answer.referenced) {
        answer.referenced = false;
        this.answers.delete(key);
        this.answers.set(key, answer);
        continue;
      }
      if (this.frequencies.of(key) >= frequency) return false;
      victims.push([key, answer]);
      bytes -= sizeOf(key, heldBytes(answer));
    }
    if (bytes + size > this.maxBytes) return false;
    for (const [key, answer] of victims) {
      this.answers.delete(key);
      letGo(answer);
    }
    this.bytes = bytes;
    return true;
  }
}

/**
 * "Now" was read from the clock while parsing ("now", or a day-part, of which what is left today counts): such an
 * answer holds for the rest of that minute.
 */
function validUntil(raw: Record<string, unknown>, query: SearchQuery): number {
  const openAt = query.openAt;
  const now =
    openAt?.kind === 'dayPart'
      ? openAt.now
      : raw.openAt === 'now' && openAt?.kind === 'instant'
        ? openAt.instant
        : undefined;
  if (!now) return Infinity;
  return (Math.floor(now.getTime() / MINUTE_MS) + 1) * MINUTE_MS;
}

const sizeOf = (key: string, bodyLength: number) => ENTRY_OVERHEAD_BYTES + key.length + bodyLength;

/** The bytes of an answer's body and of its compressed copies. */
function heldBytes(answer: MapAnswer): number {
  return answer.body.length + (answer.encoded?.br?.length ?? 0) + (answer.encoded?.gzip?.length ?? 0);
}

/**
 * The answer's body in `encoding`, or as it is when `encoding` is undefined or the body too small to gain. A kept
 * answer keeps each compressed copy, so a view many readers open is compressed once; an answer sent once is
 * compressed for its one reader.
 */
export function answerBody(answer: MapAnswer, encoding: ContentEncoding | undefined): Buffer {
  if (!encoding || answer.body.length < COMPRESSION_THRESHOLD) return answer.body;
  if (!answer.grown) return compressNow(answer.body, encoding);
  let body = answer.encoded?.[encoding];
  if (!body) {
    body = compressNow(answer.body, encoding);
    // One the cache has let go is not counted any more, nor kept.
    if (answer.dropped) return body;
    (answer.encoded ??= {})[encoding] = body;
    answer.grown(body.length);
  }
  return body;
}

/**
 * Gives the memory of an answer the cache let go back at once, or once the last response sending it is done. Left to
 * the garbage collector, the bodies of answers let go lived on until the next full collection, and glibc's heap grew
 * to many times what the cache holds while a crowd panned (freed out of order among other allocations).
 */
function letGo(answer: MapAnswer): void {
  answer.dropped = true;
  answer.encoded = undefined;
  const { buffer } = answer.body;
  // Detaching the buffer frees its bytes now; kept answers have buffers of their own.
  if (!answer.sending && buffer instanceof ArrayBuffer) buffer.transfer(0);
}

/** What sends an answer: a response, done with the answer's bytes when it emits 'close'. */
export interface AnswerSink {
  once(event: 'close', listener: () => void): unknown;
}

const SENT_ANSWER = Symbol('sent map answer');
type SendingSink = AnswerSink & { [SENT_ANSWER]?: MapAnswer };

/** A response holding a kept answer's bytes is done (sent, or its connection closed). */
function answerSent(this: SendingSink): void {
  const answer = this[SENT_ANSWER]!;
  answer.sending! -= 1;
  if (answer.dropped) letGo(answer);
}

/**
 * Keeps the bytes of `answer` until `sink` is done with them: a slow reader's response is written bit by bit. The
 * listener is one function for every response, not a closure per response.
 */
export function holdWhileSending(sink: AnswerSink, answer: MapAnswer): void {
  if (answer.giveBack) sink.once('close', answer.giveBack);
  else if (answer.sending !== undefined) {
    answer.sending += 1;
    (sink as SendingSink)[SENT_ANSWER] = answer;
    sink.once('close', answerSent);
  }
}
