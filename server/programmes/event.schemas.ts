// The one write schema of an event, shared by the manager's form and `POST/PATCH /api/v1/events`.
import { z } from 'zod';
import { LANGUAGE_CODE } from '../shared/db/language-map.ts';
import { blankToUndefined, optionalSlugField, slugField } from '../shared/http/schema-fields.ts';
import { TARIFF_CATEGORIES } from '../locations/index.ts';
import { AUDIENCES, EVENT_CATEGORIES, EVENT_STATUSES } from './event.vocabulary.ts';
import { rruleProblem, normaliseRrule } from './recurrence.ts';
import { isTimeZone } from '../shared/i18n/time-zones.ts';
import { floating, isWallTime, OCCURRENCE_KEY } from './zoned-time.ts';

const V = 'programmes:validation';

/** A language map with blank texts left out. */
const textMap = (max: number, tooLong: string) =>
  z
    .record(z.string().regex(LANGUAGE_CODE, { error: `${V}.language` }), z.string({ error: `${V}.text` }).trim())
    .transform((map) => Object.fromEntries(Object.entries(map).filter(([, text]) => text !== '')))
    .refine((map) => Object.values(map).every((text) => text.length <= max), { error: tooLong });

const wallField = (error: string) => z.string({ error }).refine(isWallTime, { error }) as z.ZodType<string, string>;

const priceSchema = z.object({
  category: z.enum(TARIFF_CATEGORIES, { error: `${V}.priceCategory` }),
  amount: z.coerce
    .number({ error: `${V}.price` })
    .min(0, { error: `${V}.price` })
    .max(100_000, { error: `${V}.price` }),
  currency: z.string({ error: `${V}.currency` }).regex(/^[A-Z]{3}$/, { error: `${V}.currency` }),
});

const overrideSchema = z.object({
  occurrence: z.string().regex(OCCURRENCE_KEY, { error: `${V}.occurrence` }),
  start: wallField(`${V}.start`).optional(),
  end: wallField(`${V}.end`).optional(),
  cancelled: z.boolean().optional(),
});

const shape = {
  /** The location's slug; absent for a network-wide event. */
  location: optionalSlugField(`${V}.location`),
  /** The network of a network-wide event (a location's event belongs to the location's network). */
  network: optionalSlugField(`${V}.network`),
  language: z.string({ error: `${V}.language` }).regex(LANGUAGE_CODE, { error: `${V}.language` }),
  title: textMap(150, `${V}.titleTooLong`).refine((map) => Object.keys(map).length > 0, {
    error: `${V}.titleRequired`,
  }),
  description: textMap(4000, `${V}.descriptionTooLong`).default({}),
  category: z.enum(EVENT_CATEGORIES, { error: `${V}.category` }),
  start: wallField(`${V}.start`),
  end: wallField(`${V}.end`),
  /** Defaults to the location's zone. */
  timeZone: z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${V}.timeZone` })
      .max(64, { error: `${V}.timeZone` })
      .refine(isTimeZone, { error: `${V}.timeZone` })
      .optional(),
  ),
  rrule: z.preprocess(
    blankToUndefined,
    z
      .string({ error: `${V}.rrule` })
      .superRefine((rule, ctx) => {
        const problem = rruleProblem(rule);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .transform(normaliseRrule)
      .nullable()
      .optional(),
  ),
  exdates: z
    .array(z.string().regex(OCCURRENCE_KEY, { error: `${V}.occurrence` }))
    .max(500)
    .default([]),
  overrides: z.array(overrideSchema).max(500).default([]),
  capacity: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `${V}.capacity` })
      .int({ error: `${V}.capacity` })
      .min(1, { error: `${V}.capacity` })
      .max(100_000, { error: `${V}.capacity` })
      .nullable()
      .optional(),
  ),
  audience: z
    .object({
      kind: z.enum(AUDIENCES, { error: `${V}.audience` }),
      networks: z
        .array(slugField(`${V}.network`))
        .max(20)
        .default([]),
    })
    .default({ kind: 'open', networks: [] }),
  prices: z
    .array(priceSchema)
    .max(TARIFF_CATEGORIES.length)
    .refine((prices) => new Set(prices.map((p) => p.category)).size === prices.length, { error: `${V}.priceTwice` })
    .default([]),
  registrationRequired: z.boolean({ error: `${V}.registration` }).default(false),
  status: z.enum(EVENT_STATUSES, { error: `${V}.status` }).default('draft'),
};

type Checked = {
  start: string;
  end: string;
  location?: string;
  network?: string;
  audience: { kind: string; networks: string[] };
};

/** Rules between fields, said of the field a reader would correct. */
function crossFieldChecks(input: Checked, ctx: z.RefinementCtx): void {
  if (isWallTime(input.start) && isWallTime(input.end) && floating(input.end) <= floating(input.start)) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: `${V}.endBeforeStart` });
  }
  if (!input.location && !input.network) {
    ctx.addIssue({ code: 'custom', path: ['location'], message: `${V}.locationOrNetwork` });
  }
  if (input.audience.kind === 'members' && input.audience.networks.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['audience', 'networks'], message: `${V}.audienceNetworks` });
  }
}

export const eventInputSchema = z.object(shape).strict().superRefine(crossFieldChecks);
/** A PATCH names only what changes; the service merges it with the stored event and checks the whole again. */
export const eventPatchSchema = z.object(shape).partial().strict();

export type EventInput = z.output<typeof eventInputSchema>;
export type EventPatch = z.output<typeof eventPatchSchema>;
