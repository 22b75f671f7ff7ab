// Validation at the edge: one zod schema per input; failures become one translated 400 with a detail per field.
import type { z } from 'zod';
import { badRequest, type ErrorDetail } from '../errors/app-error.ts';

/**
 * Schemas name their messages with i18n keys: `validation.*` in the `errors` namespace, or `<namespace>:validation.*`
 * for a domain's own messages.
 */
const isMessageKey = (message: string) => /^([a-z]+:)?validation\.[a-zA-Z.]+$/.test(message);

/** The full i18n key of a detail's message. */
export const messageKey = (key: string) => (key.includes(':') ? key : `errors:${key}`);

export function issuesToDetails(issues: z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '_',
    key: isMessageKey(issue.message) ? issue.message : 'validation.invalid',
  }));
}

/** Parses `input` or throws a 400 AppError listing what is wrong. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(issuesToDetails(result.error.issues));
  return result.data;
}

/**
 * Query-string keys that look like operators or nested objects (`q[$gt]`, `a.b`, `$where`) are refused outright:
 * they are never what a page or a client of the API means, and they must never reach the database.
 */
export function operatorLadenKeys(query: Record<string, unknown>): string[] {
  return Object.keys(query).filter((key) => /[[\]$.]/.test(key));
}
