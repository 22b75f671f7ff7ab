// Reads a translatable field with the one fallback chain: the reader's languages in their order → English → the
// record's own language → any text it has.
import type { LanguageMap } from '../db/language-map.ts';

export interface ContentText {
  text: string;
  /** The language the text is actually in. */
  lang: string;
  /** True when the text is not in the reader's first language, so the page can say so. */
  fallback: boolean;
}

/**
 * The reader's languages, first the interface language, then the rest of what the request accepts. A single language
 * is one reader language. English comes before the record's own language: a Dutch reader who asked for nothing else
 * reads English more often than French or German.
 */
export type ReaderLanguages = string | string[];

export function pickText(
  map: LanguageMap | undefined,
  ownLanguage: string,
  reader: ReaderLanguages,
): ContentText | undefined {
  if (!map) return undefined;
  const asked = typeof reader === 'string' ? [reader] : reader;
  const first = asked[0] ?? ownLanguage;
  for (const lang of [...asked, 'en', ownLanguage]) {
    const text = map[lang]?.trim();
    if (text) return { text, lang, fallback: lang !== first };
  }
  const [lang, text] = Object.entries(map).find(([, v]) => v?.trim()) ?? [];
  return lang && text ? { text: text.trim(), lang, fallback: lang !== first } : undefined;
}
