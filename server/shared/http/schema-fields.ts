// Fields that many inputs share (slugs, ids, page numbers, languages, blank form fields), written once.
import { z } from 'zod';
import { UI_LANGUAGES } from '../i18n/languages.ts';

/** The shape of every slug in a URL or a filter: lowercase letters, digits and hyphens. */
export const SLUG = /^[a-z0-9-]{1,100}$/;

/** A MongoDB ObjectId as it appears in URLs and forms. */
export const OBJECT_ID = /^[a-f0-9]{24}$/;

/** Empty (or only blank) form fields and query parameters mean "not given". */
export const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A slug, with the message to show when it is malformed (`validation.slug` unless the input names its own). */
export const slugField = (error = 'validation.slug') => z.string({ error }).regex(SLUG, { error });

/** An optional slug in a query or form: blank means none. */
export const optionalSlugField = (error = 'validation.slug') =>
  z.preprocess(blankToUndefined, slugField(error).optional());

export const objectIdField = (error = 'validation.invalid') => z.string({ error }).regex(OBJECT_ID, { error });

/** A page number of a paged list: blank or absent is the first page. */
export const pageField = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: 'validation.page' })
    .int({ error: 'validation.page' })
    .min(1, { error: 'validation.page' })
    .max(100_000, { error: 'validation.page' })
    .default(1),
);

/** One of the interface languages. */
export const uiLanguageField = (error = 'validation.lang') => z.enum(UI_LANGUAGES, { error });
