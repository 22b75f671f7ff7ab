// The inputs of the web import: the job in the URL, and the CSV preview's mapping and options.
import { z } from 'zod';
import { LOCATION_TYPES } from '../locations/index.ts';
import { objectIdField, slugField } from '../shared/http/schema-fields.ts';
import { MAPPED_FIELDS, type ColumnMapping } from './csv/csv-mapping.ts';
import type { CsvImportSettings } from './csv/csv-import.service.ts';

export const jobParams = z.object({ slug: slugField(), jobId: objectIdField() });
export const networkParams = z.object({ slug: slugField() });
export const uploadKind = z.enum(['csv', 'osm'], { error: 'opendata:validation.kind' });

const text = (max: number, key: string) => z.string({ error: key }).trim().max(max, { error: key });

/** The preview form: `map_<field>` names a column by index ('' for none), then the options. */
export function settingsSchema(columnCount: number) {
  const column = z
    .string()
    .regex(/^\d{0,3}$/, { error: 'opendata:validation.column' })
    .transform((v) => (v === '' ? undefined : Number(v)))
    .pipe(
      z
        .number()
        .max(columnCount - 1, { error: 'opendata:validation.column' })
        .optional(),
    );
  return z
    .object({
      ...Object.fromEntries(MAPPED_FIELDS.map((field) => [`map_${field}`, column.optional()])),
      language: z.string().regex(/^[a-z]{2,3}$/, { error: 'opendata:validation.language' }),
      defaultType: z.enum(LOCATION_TYPES, { error: 'opendata:validation.type' }),
      defaultCountry: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^([A-Z]{2})?$/, { error: 'opendata:validation.country' }),
      sourceName: text(200, 'opendata:validation.sourceName').min(1, { error: 'opendata:validation.sourceName' }),
      licence: text(200, 'opendata:validation.licence').optional(),
      attribution: text(300, 'opendata:validation.attribution').optional(),
      archiveMissing: z.literal('on').optional(),
      action: z.enum(['preview', 'import']).optional(),
    })
    .transform((input): CsvImportSettings & { action: 'preview' | 'import' } => {
      const values = input as Record<string, unknown>;
      const mapping: ColumnMapping = {};
      for (const field of MAPPED_FIELDS) {
        const index = values[`map_${field}`];
        if (typeof index === 'number') mapping[field] = index;
      }
      return {
        mapping,
        language: input.language,
        defaultType: input.defaultType,
        ...(input.defaultCountry ? { defaultCountry: input.defaultCountry } : {}),
        sourceName: input.sourceName,
        ...(input.licence ? { licence: input.licence } : {}),
        ...(input.attribution ? { attribution: input.attribution } : {}),
        archiveMissing: input.archiveMissing === 'on',
        action: input.action ?? 'preview',
      };
    });
}
