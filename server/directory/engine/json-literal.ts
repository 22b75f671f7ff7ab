// Strings and numbers as JSON literals, for JSON written out by hand on hot paths.

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

/** Decimals written by the fast path of `jsonNumber`: coordinates are stored with six or seven. */
const SCALE = 1e7;

/**
 * `String(value)`, as JSON.stringify writes a finite number, without V8's shortest-decimal search for the common
 * number of up to seven decimals: a place's two coordinates took a large part of the time of writing the place. The
 * decimals of `round(value · 10⁷)` read back as `value` when dividing them back by 10⁷ gives `value` exactly, and
 * they are then the shortest that do: below 10⁶, doubles lie far closer than 10⁻⁷, so no two numbers of seven decimals
 * read back as the same one. Tiny numbers, which String writes with an exponent, and all others take String.
 */
export function jsonNumber(value: number): string {
  const magnitude = Math.abs(value);
  const scaled = Math.round(value * SCALE);
  if (scaled / SCALE !== value || !(magnitude >= 1e-6 && magnitude < 1e6)) return String(value);
  const units = Math.abs(scaled);
  const whole = Math.floor(units / SCALE);
  let fraction = units - whole * SCALE;
  const sign = scaled < 0 ? '-' : '';
  if (fraction === 0) return `${sign}${whole}`;
  let decimals = 7;
  while (fraction % 10 === 0) {
    fraction /= 10;
    decimals -= 1;
  }
  const digits = `${fraction}`;
  return `${sign}${whole}.${'0'.repeat(decimals - digits.length)}${digits}`;
}
