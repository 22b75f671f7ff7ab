// Schemas of the account forms; messages are i18n keys (`errors` namespace for login, `auth:validation.*` for the rest).
import { z } from 'zod';
import { uiLanguageField } from '../shared/http/schema-fields.ts';

export const emailField = z
  .string({ error: 'validation.email' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'validation.email' })
  .pipe(z.email({ error: 'validation.email' }));

export const loginSchema = z.object({
  email: emailField,
  password: z
    .string({ error: 'validation.passwordRequired' })
    .min(1, { error: 'validation.passwordRequired' })
    .max(200),
  next: z.string().optional(),
});

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

const accountEmail = z
  .string({ error: 'auth:validation.email' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'auth:validation.email' })
  .pipe(z.email({ error: 'auth:validation.email' }));

const newPassword = z
  .string({ error: 'auth:validation.passwordTooShort' })
  .min(PASSWORD_MIN, { error: 'auth:validation.passwordTooShort' })
  .max(PASSWORD_MAX, { error: 'auth:validation.passwordTooLong' });

const passwordConfirm = z.string({ error: 'auth:validation.passwordMismatch' });

const personName = z
  .string({ error: 'auth:validation.name' })
  .trim()
  .min(1, { error: 'auth:validation.name' })
  .max(100, { error: 'auth:validation.nameTooLong' });

const preferredLanguage = uiLanguageField('auth:validation.language');

/** Passwords are compared as typed; the e-mail as it is stored (trimmed, lower case). */
export const sameAsEmail = (password: string, email: string) =>
  password.trim().toLowerCase() === email.trim().toLowerCase();

/** Refinements that compare fields run only when those fields passed their own checks. */
const passwordPairValid = (value: unknown) =>
  z.object({ password: newPassword, passwordConfirm }).safeParse(value).success;

export const signupSchema = z
  .object({
    name: personName,
    email: accountEmail,
    password: newPassword,
    passwordConfirm,
    preferredLanguage,
    next: z.string().optional(),
  })
  .refine((form) => form.password === form.passwordConfirm, {
    path: ['passwordConfirm'],
    error: 'auth:validation.passwordMismatch',
    when: (payload) => passwordPairValid(payload.value),
  })
  .refine((form) => !sameAsEmail(form.password, form.email), {
    path: ['password'],
    error: 'auth:validation.passwordIsEmail',
    when: (payload) =>
      passwordPairValid(payload.value) && accountEmail.safeParse((payload.value as { email?: unknown }).email).success,
  });

export type SignupInput = z.output<typeof signupSchema>;

export const forgotSchema = z.object({ email: accountEmail });

/** The new password and its confirmation; the e-mail it must differ from comes from the account. */
export const newPasswordSchema = z
  .object({ password: newPassword, passwordConfirm })
  .refine((form) => form.password === form.passwordConfirm, {
    path: ['passwordConfirm'],
    error: 'auth:validation.passwordMismatch',
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: 'auth:validation.currentPasswordRequired' })
      .min(1, { error: 'auth:validation.currentPasswordRequired' })
      .max(PASSWORD_MAX, { error: 'auth:validation.currentPasswordRequired' }),
    password: newPassword,
    passwordConfirm,
  })
  .refine((form) => form.password === form.passwordConfirm, {
    path: ['passwordConfirm'],
    error: 'auth:validation.passwordMismatch',
    when: (payload) => passwordPairValid(payload.value),
  });

export const profileSchema = z.object({ name: personName, preferredLanguage });

export type ProfileInput = z.output<typeof profileSchema>;

/** Only a path on this site: an open redirect would let a phishing link borrow our address. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/';
}
