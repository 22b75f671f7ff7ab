// Inputs of the audit log's pages and API: what to narrow the log to, and which page.
import { z } from 'zod';
import { blankToUndefined, optionalSlugField, pageField, slugField } from '../shared/http/schema-fields.ts';

export const auditQuerySchema = z.object({
  action: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'audit:validation.action' })
      .regex(/^[a-z][a-zA-Z0-9._-]{0,63}$/, { error: 'audit:validation.action' })
      .optional(),
  ),
  entity: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'audit:validation.entity' })
      .regex(/^[A-Za-z0-9._:-]{1,100}$/, { error: 'audit:validation.entity' })
      .optional(),
  ),
  page: pageField,
  network: optionalSlugField('validation.network'),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export const networkLogParams = z.object({ slug: slugField() });
