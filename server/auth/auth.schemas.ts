// Schemas of the account forms; messages are i18n keys of the `errors` namespace.
import { z } from 'zod';

export const emailField = z
  .string({ error: 'validation.email' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'validation.email' })
  .pipe(z.email({ error: 'validation.email' }));

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: 'validation.passwordRequired' }).min(1, { error: 'validation.passwordRequired' }).max(200),
  next: z.string().optional(),
});

/** Only a path on this site: an open redirect would let a phishing link borrow our address. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}
