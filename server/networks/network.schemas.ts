// Schemas of the network forms (create and edit a network, ask to join, members, invitations) and of route parameters.
import { z } from 'zod';
import { UI_LANGUAGES, isUiLanguage } from '../shared/i18n/languages.ts';
import type { LanguageMap } from '../shared/db/language-map.ts';
import {
  blankToUndefined,
  calendarDateField,
  OBJECT_ID,
  objectIdField,
  pageField,
  slugField,
  uiLanguageField,
  urlField,
} from '../shared/http/schema-fields.ts';
import { COUNTRY_CODES } from './network.countries.ts';
import { MEMBERSHIP_CATEGORIES } from './membership.model.ts';

/** Languages a network may name as its own: the interface languages first, then other European languages. */
export const CONTENT_LANGUAGES = [
  ...UI_LANGUAGES,
  'it',
  'es',
  'pt',
  'ca',
  'eu',
  'gl',
  'lb',
  'da',
  'sv',
  'nb',
  'fi',
  'pl',
  'cs',
  'sk',
  'sl',
  'hr',
  'hu',
  'ro',
  'bg',
  'el',
  'lt',
  'lv',
  'et',
  'ga',
  'mt',
] as const;

export const NAME_MAX = 150;
export const DESCRIPTION_MAX = 4000;
export const SLUG_MAX = 80;
export const MEMBER_NUMBER_MAX = 50;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const optionalText = (max: number, key: string) =>
  z.preprocess(blankToUndefined, z.string({ error: key }).trim().max(max, { error: key }).optional());

/** One name and one description field per interface language, and a pair for the network's own language when it is another. */
const TEXT_COLUMNS = [...UI_LANGUAGES, 'other'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];

const textFields = Object.fromEntries(
  TEXT_COLUMNS.flatMap((column) => [
    [`name_${column}`, optionalText(NAME_MAX, 'networks:validation.nameTooLong')],
    [`description_${column}`, optionalText(DESCRIPTION_MAX, 'networks:validation.descriptionTooLong')],
  ]),
) as Record<`${'name' | 'description'}_${TextColumn}`, ReturnType<typeof optionalText>>;

export const networkFormSchema = z
  .object({
    language: z.enum(CONTENT_LANGUAGES, { error: 'networks:validation.language' }),
    slug: z.preprocess(
      blankToUndefined,
      z
        .string({ error: 'networks:validation.slug' })
        .trim()
        .max(SLUG_MAX, { error: 'networks:validation.slug' })
        .regex(SLUG_PATTERN, { error: 'networks:validation.slug' })
        .optional(),
    ),
    countryCode: z.preprocess(
      (v) => (typeof v === 'string' ? blankToUndefined(v.toUpperCase()) : v),
      z.enum(COUNTRY_CODES as [string, ...string[]], { error: 'networks:validation.country' }).optional(),
    ),
    website: urlField({ error: 'networks:validation.website' }),
    // Loaded by the page itself: over https only, so a page served over https never mixes in plain content.
    logoUrl: urlField({ error: 'networks:validation.logoUrl', protocols: ['https:'] }),
    ...textFields,
  })
  .superRefine((form, ctx) => {
    const ownColumn = isUiLanguage(form.language) ? form.language : 'other';
    if (!form[`name_${ownColumn}`]) {
      ctx.addIssue({ code: 'custom', path: [`name_${ownColumn}`], message: 'networks:validation.nameRequired' });
    }
    if (ownColumn !== 'other' && (form.name_other || form.description_other)) {
      const path = form.name_other ? 'name_other' : 'description_other';
      ctx.addIssue({ code: 'custom', path: [path], message: 'networks:validation.otherUnused' });
    }
  })
  .transform((form) => {
    const name: LanguageMap = {};
    const description: LanguageMap = {};
    for (const column of TEXT_COLUMNS) {
      const lang = column === 'other' ? form.language : column;
      const n = form[`name_${column}`];
      const d = form[`description_${column}`];
      if (n) name[lang] = n;
      if (d) description[lang] = d;
    }
    return {
      language: form.language,
      slug: form.slug,
      countryCode: form.countryCode,
      website: form.website,
      logoUrl: form.logoUrl,
      name,
      description,
    };
  });

export type NetworkInput = z.output<typeof networkFormSchema>;

/** The form values for a stored network, so the edit form starts filled in. */
export function networkFormValues(network: {
  language: string;
  slug: string;
  countryCode?: string | null;
  website?: string | null;
  logoUrl?: string | null;
  name: LanguageMap;
  description?: LanguageMap;
}): Record<string, string> {
  const values: Record<string, string> = {
    language: network.language,
    slug: network.slug,
    countryCode: network.countryCode ?? '',
    website: network.website ?? '',
    logoUrl: network.logoUrl ?? '',
  };
  for (const column of TEXT_COLUMNS) {
    const lang = column === 'other' ? (isUiLanguage(network.language) ? undefined : network.language) : column;
    values[`name_${column}`] = (lang && network.name[lang]) || '';
    values[`description_${column}`] = (lang && network.description?.[lang]) || '';
  }
  return values;
}

const category = z.enum(MEMBERSHIP_CATEGORIES, { error: 'networks:validation.category' });

/** A checkbox: present ("on", "true", "1") or absent. */
const checkbox = z.preprocess(
  (v) => v === 'on' || v === 'true' || v === '1' || v === true,
  z.boolean({ error: 'networks:validation.invalid' }),
);

/** A multi-select: one value, several, or none; each a location id. */
const locationIds = z.preprocess(
  (v: unknown): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
  z
    .array(z.string().regex(OBJECT_ID, { error: 'networks:validation.managedLocations' }), {
      error: 'networks:validation.managedLocations',
    })
    .max(500, { error: 'networks:validation.managedLocations' })
    .transform((ids) => [...new Set(ids)]),
);

export const joinSchema = z.object({
  memberNumber: optionalText(MEMBER_NUMBER_MAX, 'networks:validation.memberNumber'),
});

export const approveSchema = z.object({ category });

export const memberUpdateSchema = z.object({
  category,
  /** Blank: the category does not end. A plain member's category has no end to give. */
  categoryUntil: z.preprocess(blankToUndefined, calendarDateField('access:validation.categoryUntil').optional()),
  networkAdmin: checkbox,
  managedLocations: locationIds,
});
export type MemberUpdate = z.output<typeof memberUpdateSchema>;

export const INVITATION_DAYS_DEFAULT = 14;

export const invitationSchema = z.object({
  email: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'networks:validation.email' })
      .trim()
      .toLowerCase()
      .max(254, { error: 'networks:validation.email' })
      .pipe(z.email({ error: 'networks:validation.email' }))
      .optional(),
  ),
  mailLanguage: uiLanguageField('networks:validation.language'),
  category,
  networkAdmin: checkbox,
  managedLocations: locationIds,
  days: z.coerce
    .number({ error: 'networks:validation.days' })
    .int({ error: 'networks:validation.days' })
    .min(1, { error: 'networks:validation.days' })
    .max(30, { error: 'networks:validation.days' }),
});
export type InvitationInput = z.output<typeof invitationSchema>;

const slugParam = slugField();
const idParam = objectIdField();

export const networkParams = z.object({ slug: slugParam });
export const membershipParams = z.object({ slug: slugParam, membershipId: idParam });
export const invitationIdParams = z.object({ slug: slugParam, invitationId: idParam });
export const invitationTokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'validation.invalid' }),
});
export const pageQuery = z.object({
  page: pageField,
  lang: z.unknown().optional(),
});
