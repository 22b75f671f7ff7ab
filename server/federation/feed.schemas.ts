// Inputs of the feeds: a page is asked for by its kind and the change number it starts after.
import { z } from 'zod';

export const FEED_PAGE_SIZE = 500;

export const feedQuerySchema = z.object({
  afterChangeNumber: z.preprocess(
    (v) => (v === undefined || v === '' ? 0 : v),
    z.coerce
      .number({ error: 'federation:validation.afterChangeNumber' })
      .int({ error: 'federation:validation.afterChangeNumber' })
      .min(0, { error: 'federation:validation.afterChangeNumber' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'federation:validation.afterChangeNumber' }),
  ),
});
