// Inputs of the instance administration pages: the user search and the roles form.
import { z } from 'zod';
import { pageField } from '../shared/http/schema-fields.ts';

const page = pageField;

const search = z
  .string({ error: 'admin:validation.search' })
  .trim()
  .max(200, { error: 'admin:validation.search' })
  .default('');

export const usersQuerySchema = z.object({ q: search, page });

/** An HTML checkbox: present ("1", or "on" from a form without a value) when ticked, absent otherwise. */
const checkbox = z
  .enum(['1', 'on', 'true'], { error: 'admin:validation.checkbox' })
  .optional()
  .transform((value) => value !== undefined);

export const rolesSchema = z.object({
  instanceAdmin: checkbox,
  analyst: checkbox,
  // Where the form was, so the list comes back as it was.
  q: search.optional(),
  page: page.optional(),
});

export type RolesInput = z.output<typeof rolesSchema>;
