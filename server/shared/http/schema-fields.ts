// Fields that many inputs share (slugs, ids, page numbers, languages, web addresses, blank form fields), written once.
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

/** What a listing or a network may link to. */
export const WEB_PROTOCOLS: readonly string[] = ['http:', 'https:'];

/** A host name with a dot and a top-level domain, as the URL parser writes it (lowercase, punycode). */
const WEB_HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * A web address as it is stored: read by the WHATWG URL parser, as browsers read it, and written back as its `href`, so
 * what is stored is what a browser follows and spaces, quotes and angle brackets arrive percent-encoded. Undefined
 * when it is not an absolute address with one of `protocols` and a public host name, or when it carries a user name or
 * password (`https://bank.example@elsewhere.example` shows one site and opens another).
 */
export function webAddress(value: string, protocols: readonly string[] = WEB_PROTOCOLS): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (!protocols.includes(url.protocol) || url.username || url.password || !WEB_HOST.test(url.hostname)) {
    return undefined;
  }
  return url.href;
}

export interface UrlFieldOptions {
  /** The message for anything that is not such an address. */
  error: string;
  /** The message for an address longer than `max` (before or after normalising); `error` unless given. */
  tooLong?: string;
  protocols?: readonly string[];
  max?: number;
}

/** An optional web address in a form or the API (blank means none), stored normalised: see `webAddress`. */
export const urlField = ({ error, tooLong = error, protocols = WEB_PROTOCOLS, max = 500 }: UrlFieldOptions) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error })
      .trim()
      .max(max, { error: tooLong })
      .transform((value, ctx) => {
        const href = webAddress(value, protocols);
        if (href === undefined) ctx.addIssue({ code: 'custom', message: error });
        else if (href.length > max) ctx.addIssue({ code: 'custom', message: tooLong });
        else return href;
        return z.NEVER;
      })
      .optional(),
  );

/** A map view as `west,south,east,north` in degrees (what Leaflet's bounds give): within the globe, west of east. */
export const bboxText = z
  .string()
  .transform((value, ctx): [west: number, south: number, east: number, north: number] => {
    const parts = value.split(',').map((p) => (p.trim() === '' ? NaN : Number(p)));
    const [west, south, east, north] = parts as [number, number, number, number];
    const valid =
      parts.length === 4 &&
      parts.every(Number.isFinite) &&
      west >= -180 &&
      east <= 180 &&
      south >= -90 &&
      north <= 90 &&
      west <= east &&
      south <= north;
    if (!valid) {
      ctx.addIssue({ code: 'custom', message: 'validation.bbox' });
      return z.NEVER;
    }
    return [west, south, east, north];
  });

/** A calendar day `YYYY-MM-DD` that exists (no 31 April), as date inputs send it. */
export const calendarDateField = (error = 'validation.invalid') =>
  z
    .string({ error })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error })
    .refine(
      (value) => {
        const date = new Date(`${value}T00:00:00Z`);
        return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
      },
      { error },
    );
