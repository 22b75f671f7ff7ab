// The agreement's input, one schema for the forms and the JSON API: the terms each network grants the other's members.
//
// `grants` is keyed by the slug of the host network, so an error names the field as the form names it
// (`grants.smart-be.validUntil`). Nothing is coerced here: the form converts its strings first (agreement-form.ts).
import { z } from 'zod';
import { MEMBERSHIP_CATEGORIES } from '../networks/index.ts';
import { calendarDateField, objectIdField, SLUG, slugField } from '../shared/http/schema-fields.ts';
import { ACCESS_LEVELS } from './grant-terms.ts';

export const a = (key: string) => `access:validation.${key}`;

export const LIMITS = { quota: 62, noticeHours: 24 * 30, guestCap: 100_000, locations: 500, note: 1000 } as const;

const whole = (min: number, max: number, below = a('range')) =>
  z
    .number({ error: a('number') })
    .int({ error: a('integer') })
    .min(min, { error: below })
    .max(max, { error: a('range') });

const day = calendarDateField(a('date'));

export const grantInputSchema = z
  .strictObject(
    {
      categories: z
        .array(z.enum(MEMBERSHIP_CATEGORIES, { error: a('category') }), { error: a('categories') })
        .min(1, { error: a('categories') })
        .max(MEMBERSHIP_CATEGORIES.length, { error: a('categories') })
        .transform((list) => MEMBERSHIP_CATEGORIES.filter((c) => list.includes(c))),
      level: z.enum(ACCESS_LEVELS, { error: a('level') }),
      discountPercent: whole(1, 100).nullable().optional(),
      monthlyQuota: whole(0, LIMITS.quota, a('quotaNegative')).nullable().optional(),
      bookingRequired: z
        .boolean({ error: a('boolean') })
        .optional()
        .default(false),
      noticeHours: whole(0, LIMITS.noticeHours).nullable().optional(),
      hostApproves: z
        .boolean({ error: a('boolean') })
        .optional()
        .default(false),
      locations: z
        .union(
          [
            z.literal('all'),
            z
              .array(objectIdField(a('locations')), { error: a('locations') })
              .min(1, { error: a('locationsNone') })
              .max(LIMITS.locations, { error: a('locations') }),
          ],
          { error: a('locations') },
        )
        .optional()
        .default('all'),
      guestCap: whole(1, LIMITS.guestCap).nullable().optional(),
      validFrom: day,
      validUntil: day.nullable().optional(),
    },
    { error: (issue) => (issue.code === 'unrecognized_keys' ? a('unknownField') : a('object')) },
  )
  .superRefine((grant, ctx) => {
    if (grant.level === 'discount' && grant.discountPercent == null) {
      ctx.addIssue({ code: 'custom', path: ['discountPercent'], message: a('discountRequired') });
    }
    if (grant.validUntil && grant.validUntil < grant.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: a('untilBeforeFrom') });
    }
  });

export type GrantInput = z.output<typeof grantInputSchema>;

const note = z
  .string({ error: a('text') })
  .trim()
  .max(LIMITS.note, { error: a('tooLong') })
  .optional();

/** The terms of a version: what each host network (by slug) grants; one entry is a one-way grant. */
export const termsSchema = z.strictObject(
  {
    grants: z
      .record(z.string().regex(SLUG, { error: a('host') }), grantInputSchema, { error: a('grants') })
      .refine((grants) => Object.keys(grants).length >= 1, { error: a('grantsNone') })
      .refine((grants) => Object.keys(grants).length <= 2, { error: a('host') }),
    note,
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? a('unknownField') : a('object')) },
);

export type TermsInput = z.output<typeof termsSchema>;

/** A proposal: from a network the principal administers, to another. */
export const proposalSchema = termsSchema.extend({
  from: slugField(a('network')),
  partner: slugField(a('partner')),
});

export type ProposalInput = z.output<typeof proposalSchema>;

/** Answers name the version they answer, so an answer to terms that changed meanwhile is refused. */
export const versionSchema = z.strictObject(
  { version: whole(1, 10_000) },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? a('unknownField') : a('object')) },
);

export const counterSchema = termsSchema.extend({ version: whole(1, 10_000) });

export const agreementParams = z.object({ id: objectIdField('validation.invalid') });
