// The one way a form reports what is wrong: the submit throws an AppError with details, the form is shown again.
import type { Request } from 'express';
import type { TFunction } from 'i18next';
import { AppError } from '../errors/app-error.ts';
import { messageKey } from './validate.ts';

/** What a form's page shows of a refused submit: translated messages, per field and for the form as a whole. */
export interface FormErrors {
  /** Field → message, the first per field, in the order the details came. */
  readonly fields: Readonly<Record<string, string>>;
  /** Messages about the form as a whole (details of field `_`). */
  readonly form: readonly string[];
}

/** The errors of a form shown for the first time. */
export const NO_ERRORS: FormErrors = Object.freeze({
  fields: Object.freeze(Object.create(null) as Record<string, string>),
  form: [],
});

/** An AppError's details as the messages a form shows, in the reader's language. */
export function formErrorsOf(error: AppError, t: TFunction): FormErrors {
  // No prototype: a field is named by what was sent, and `__proto__` must stay a field like any other.
  const fields = Object.create(null) as Record<string, string>;
  const form: string[] = [];
  for (const detail of error.details) {
    const message = t(messageKey(detail.key), { field: detail.field, ...detail.params });
    if (detail.field === '_') form.push(message);
    else fields[detail.field] ??= message;
  }
  return { fields, form };
}

/**
 * Runs a form's submit (validate with `parseInput`, call the service, redirect). An AppError carrying details is
 * what the reader can fix: `showForm` answers the form's page with the error's status and messages. Anything else,
 * a refusal (401/403), a missing record, a rate limit or a failure, goes on to the error handler as it is.
 */
export async function submitForm(
  req: Request,
  submit: () => Promise<void>,
  showForm: (status: number, errors: FormErrors) => Promise<void> | void,
): Promise<void> {
  try {
    await submit();
  } catch (error) {
    if (!(error instanceof AppError) || error.details.length === 0 || req.res?.headersSent) throw error;
    await showForm(error.status, formErrorsOf(error, req.t));
  }
}

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&#34;').replace(/</g, '&lt;');

/**
 * The ARIA attributes of a form control: `aria-describedby` naming its hint (if any) and its error message (the id
 * views/partials/field-error.ejs gives it), and `aria-invalid` while it is in error. Written raw into a tag.
 */
export function fieldAria(errors: FormErrors, name: string, hint?: string): string {
  const failed = Object.hasOwn(errors.fields, name);
  const described = [hint, failed ? `${name}-error` : undefined].filter(Boolean).join(' ');
  return (
    (described ? ` aria-describedby="${escapeAttribute(described)}"` : '') + (failed ? ' aria-invalid="true"' : '')
  );
}
