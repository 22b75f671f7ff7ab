// Reads a translatable field with the one fallback chain: asked language → record's own language → English.
import type { LanguageMap } from '../db/language-map.ts';

export interface ContentText {
  text: string;
  /** The language the text is actually in. */
  lang: string;
  /** True when the text is not in the asked language, so the page can say so. */
  fallback: boolean;
}

export function pickText(map: LanguageMap | undefined, ownLanguage: string, asked: string): ContentText | undefined {
  if (!map) return undefined;
  for (const lang of [asked, ownLanguage, 'en']) {
    const text = map[lang]?.trim();
    if (text) return { text, lang, fallback: lang !== asked };
  }
  const [lang, text] = Object.entries(map).find(([, v]) => v?.trim()) ?? [];
  return lang && text ? { text: text.trim(), lang, fallback: lang !== asked } : undefined;
}
