// Forms: one zod schema per form; errors come back per field as i18n keys, so the form is shown again, translated.
import type { z } from 'zod';
import { issuesToDetails } from './validate.js';

export type FieldErrors = Record<string, string>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function validateForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const detail of issuesToDetails(result.error.issues)) errors[detail.field] ??= detail.key;
  return { ok: false, errors };
}
