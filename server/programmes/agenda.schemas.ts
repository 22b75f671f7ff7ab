// The agenda's filters: one schema for the page, its JSON twin and the calendar feeds. The URL carries them all.
import { z } from 'zod';
import { LANGUAGE_CODE } from '../shared/db/language-map.ts';
import { blankToUndefined, optionalSlugField, pageField } from '../shared/http/schema-fields.ts';
import { EVENT_CATEGORIES } from './event.vocabulary.ts';

const V = 'programmes:validation';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) => DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const dayField = z.preprocess(
  blankToUndefined,
  z
    .string({ error: `${V}.day` })
    .refine(isDay, { error: `${V}.day` })
    .optional(),
);

export const agendaQuerySchema = z
  .object({
    from: dayField,
    to: dayField,
    category: z.preprocess(blankToUndefined, z.enum(EVENT_CATEGORIES, { error: `${V}.category` }).optional()),
    /** The content language of events (not the interface's `lang`). */
    language: z.preprocess(
      blankToUndefined,
      z
        .string({ error: `${V}.language` })
        .regex(LANGUAGE_CODE, { error: `${V}.language` })
        .optional(),
    ),
    network: optionalSlugField(`${V}.network`),
    location: optionalSlugField(`${V}.location`),
    /** Near a place, by its name or locality. */
    place: z.preprocess(
      blankToUndefined,
      z
        .string({ error: `${V}.place` })
        .trim()
        .max(100, { error: `${V}.place` })
        .optional(),
    ),
    /** Near a point ("lat,lng"), within `km`: what the map view asks. */
    near: z.preprocess(
      blankToUndefined,
      z
        .string({ error: `${V}.near` })
        .regex(/^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, { error: `${V}.near` })
        .transform((value) => value.split(',').map(Number) as [number, number])
        .refine(([lat, lng]) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180, { error: `${V}.near` })
        .optional(),
    ),
    km: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: `${V}.km` })
        .min(1, { error: `${V}.km` })
        .max(500, { error: `${V}.km` })
        .default(25),
    ),
    /** Only events whose audience admits me and that are not cancelled. */
    open: z.preprocess(blankToUndefined, z.enum(['1'], { error: `${V}.open` }).optional()),
    page: pageField,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: `${V}.toBeforeFrom`, path: ['to'] });

export type AgendaQuery = z.output<typeof agendaQuerySchema>;
