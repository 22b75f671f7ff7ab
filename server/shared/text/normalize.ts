// Accent- and case-insensitive matching: text is folded once, at index time and at query time alike.
const COMBINING_MARKS = /\p{M}+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ĳ: 'ij' };

/** Lower-cases, strips diacritics and expands ligatures: "Liège" → "liege", "Cœur" → "coeur". */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[œæßøłđĳ]/g, (ch) => LIGATURES[ch] ?? ch);
}

/** Splits folded text into word tokens. */
export function tokenize(text: string): string[] {
  // Most map views ask with no words; folding an empty string still costs a Unicode normalisation.
  if (text === '') return [];
  return foldText(text).split(NON_WORD).filter(Boolean);
}

/** A URL-safe ASCII slug from a display name; letters outside Latin script are dropped (ids stay plain). */
export function slugify(text: string): string {
  const ascii = tokenize(text)
    .map((token) => token.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return ascii.join('-').slice(0, 80).replace(/-+$/, '') || 'location';
}
