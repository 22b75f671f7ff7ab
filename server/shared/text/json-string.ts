// A string as a JSON string literal, for JSON written out by hand on hot paths.

/**
 * What JSON.stringify escapes: quotes, backslashes and control characters, and lone surrogates (any surrogate here,
 * so that pairs, which it keeps, take the slow way too).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPING = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify(text)`, without its call into the runtime for the common string that needs no escaping: a map view
 * at street level writes eight strings per place, and the calls took half the time of writing a place.
 */
export function jsonString(text: string): string {
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(text) : `"${text}"`;
}
