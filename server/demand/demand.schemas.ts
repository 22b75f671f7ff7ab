// What a demand signal may say, for the forms and the API alike; messages are keys in locales/<lang>/demand.json.
import { z } from 'zod';
import { bboxText } from '../shared/http/schema-fields.ts';
import { FREQUENCIES, INTEREST_DAY_PARTS } from './demand.vocabulary.ts';

const m = (key: string) => `demand:validation.${key}`;

/** A form sends one checkbox as a string and several as an array; the API sends an array. */
const asArray = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];

export const interestSchema = z.object({
  dayParts: z.preprocess(
    asArray,
    z
      .array(z.enum(INTEREST_DAY_PARTS, { error: m('dayPart') }), { error: m('dayPart') })
      .min(1, { error: m('dayPartsEmpty') })
      .max(INTEREST_DAY_PARTS.length, { error: m('dayPart') })
      .transform((list) => INTEREST_DAY_PARTS.filter((part) => list.includes(part))),
  ),
  frequency: z.enum(FREQUENCIES, { error: m('frequency') }),
});
export type InterestInput = z.output<typeof interestSchema>;

const coordinate = (min: number, max: number) =>
  z.coerce
    .number({ error: m('coordinates') })
    .min(min, { error: m('coordinates') })
    .max(max, { error: m('coordinates') });

export const pointSchema = z.object({ lat: coordinate(-90, 90), lng: coordinate(-180, 180) });

export const pointInterestSchema = interestSchema.extend(pointSchema.shape);

/** A place as `placeKey` names it, and where the form was (a path of ours only). */
export const withdrawSchema = z.object({
  place: z.string().regex(/^(location:[a-f0-9]{24}|point:-?\d{1,2}(\.\d{1,2})?,-?\d{1,3}(\.\d{1,2})?)$/, {
    error: m('place'),
  }),
  back: z
    .string()
    .regex(/^\/(locations\/[a-z0-9-]{1,100}|me\/interest)$/)
    .optional()
    .catch(undefined),
});

export const demandLayerQuery = z.object({
  bbox: bboxText.transform(([west, south, east, north]) => ({ west, south, east, north })),
  zoom: z.coerce
    .number({ error: 'validation.zoom' })
    .int({ error: 'validation.zoom' })
    .min(0, { error: 'validation.zoom' })
    .max(22, { error: 'validation.zoom' }),
});
