// Which compression a reader accepts, and compressing text for it: the one choice the static assets, the map API's
// fast path and the `compression` middleware (for everything else Express answers) all make the same way.
import type { IncomingHttpHeaders } from 'node:http';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import Negotiator from 'negotiator';

export type ContentEncoding = 'br' | 'gzip';

const OFFERED: readonly string[] = ['br', 'gzip', 'identity'];

/**
 * Below this, the encoded headers and the compressor's frame cost about what they save; the same threshold the
 * `compression` middleware is given (`COMPRESSION_THRESHOLD` in app.ts).
 */
export const COMPRESSION_THRESHOLD = 1024;

/** The content types worth compressing: text. Images other than SVG, and fonts in WOFF2, are compressed already. */
export function isCompressibleType(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/geo+json' ||
    type === 'application/javascript' ||
    type === 'image/svg+xml' ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

/** The encoding to send to a reader with these request headers, or undefined for the bytes as they are. */
export function acceptedEncoding(headers: IncomingHttpHeaders): ContentEncoding | undefined {
  if (headers['accept-encoding'] === undefined) return undefined;
  // Browsers list gzip before br at the same weight; brotli is preferred whenever it is accepted at all, as the
  // `compression` middleware does: it is a fifth smaller than gzip on our JSON, CSS and JS.
  const accepted = new Negotiator({ headers }).encodings(OFFERED);
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return undefined;
}

/**
 * Compressed at once, for answers made per request (the map API's): brotli at quality 5 compresses about as fast as
 * gzip's default and still a good deal smaller.
 */
export function compressNow(body: Buffer, encoding: ContentEncoding): Buffer {
  return encoding === 'br'
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })
    : gzipSync(body, { level: 6 });
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Compressed as small as the libraries go, off the event loop: for files compressed once and sent many times. */
export function compressSmallest(body: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotliAsync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      })
    : gzipAsync(body, { level: 9 });
}
