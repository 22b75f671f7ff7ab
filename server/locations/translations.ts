// Which interface languages a listing (a location or a network) has no text in: pure, for /manage and the editor.
import type { LanguageMap } from '../shared/db/language-map.ts';
import { UI_LANGUAGES, type UiLanguage } from '../shared/i18n/languages.ts';

export interface TranslatableText {
  name?: LanguageMap | null;
  description?: LanguageMap | null;
}

export interface MissingTranslations {
  /** Languages without a name. */
  name: UiLanguage[];
  /** Languages without a description. */
  description: UiLanguage[];
  /** Languages lacking a name or a description, in interface order. */
  languages: UiLanguage[];
  /** Languages with neither a name nor a description. */
  untranslated: UiLanguage[];
}

const hasText = (map: LanguageMap | null | undefined, lang: string): boolean =>
  typeof map?.[lang] === 'string' && map[lang].trim() !== '';

/** The interface languages a listing lacks a name or a description in (blank text counts as missing). */
export function missingTranslations(
  text: TranslatableText,
  languages: readonly UiLanguage[] = UI_LANGUAGES,
): MissingTranslations {
  const name = languages.filter((lang) => !hasText(text.name, lang));
  const description = languages.filter((lang) => !hasText(text.description, lang));
  return {
    name,
    description,
    languages: languages.filter((lang) => name.includes(lang) || description.includes(lang)),
    untranslated: languages.filter((lang) => name.includes(lang) && description.includes(lang)),
  };
}

/**
 * The query filter for listings lacking text in `lang`: the same rule as `missingTranslations`, for the database.
 * Blank text is never stored (the write schema drops it), so "absent" is the whole rule there.
 */
export function missingLanguageFilter(lang: UiLanguage): Record<string, unknown> {
  return { $or: [{ [`name.${lang}`]: { $exists: false } }, { [`description.${lang}`]: { $exists: false } }] };
}
