// What the photo forms take: alt text per language, a photo's id, a direction to move it.
import { z } from 'zod';
import { badRequest, notFound } from '../shared/errors/app-error.ts';
import { UI_LANGUAGES } from '../shared/i18n/languages.ts';
import type { LanguageMap } from '../shared/db/language-map.ts';

export const ALT_MAX_LENGTH = 250;

/** The languages a photo's alt text is asked in: the interface's, and the location's own when it is another. */
export const altLanguages = (ownLanguage: string): string[] => [...new Set([ownLanguage, ...UI_LANGUAGES])];

/**
 * The alt text sent as `alt.<language>` fields, blanks dropped; a 400 naming each field that is too long, and the
 * location's own language when it is missing (a photo must be described in the language its page is written in).
 */
export function altTextFrom(fields: Record<string, unknown>, ownLanguage: string): LanguageMap {
  const alt: Record<string, string> = {};
  const details = [];
  for (const lang of altLanguages(ownLanguage)) {
    const value = fields[`alt.${lang}`];
    const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
    if (text.length > ALT_MAX_LENGTH) {
      details.push({ field: `alt.${lang}`, key: 'manage:validation.tooLong' });
    } else if (text) alt[lang] = text;
  }
  if (!alt[ownLanguage] && !details.some((d) => d.field === `alt.${ownLanguage}`)) {
    details.push({ field: `alt.${ownLanguage}`, key: 'manage:validation.photoAltRequired' });
  }
  if (details.length) throw badRequest(details);
  return alt;
}

const PHOTO_ID = /^[0-9a-f]{32}$/;

/** A photo id from the URL; anything else names no photo. */
export function photoIdParam(value: unknown): string {
  if (typeof value !== 'string' || !PHOTO_ID.test(value)) throw notFound('photoNotFound');
  return value;
}

export const moveSchema = z.object({
  direction: z.enum(['earlier', 'later'], { error: 'manage:validation.photoDirection' }),
});
export type MoveDirection = z.infer<typeof moveSchema>['direction'];
