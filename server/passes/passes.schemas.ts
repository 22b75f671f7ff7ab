// Inputs of the pass and check-in routes.
import { z } from 'zod';
import { slugField } from '../shared/http/schema-fields.ts';

export const checkInParams = z.object({ location: slugField('validation.slug') });

/** What the manager presents: the scanned QR code's text (a signed pass) or the typed short code. */
export const presentedPass = z.object({
  pass: z
    .string({ error: 'passes:validation.pass' })
    .trim()
    .min(1, { error: 'passes:validation.pass' })
    .max(4000, { error: 'passes:validation.passTooLong' }),
});
