// Reading the query string safely: operator-laden keys refused, known keys kept, URLs rebuilt from state.
import type { Request } from 'express';
import { badRequest } from '../errors/app-error.ts';
import { operatorLadenKeys } from './validate.ts';

/** The request's query, with keys like `q[$gt]` refused with a 400 before anything reads it. */
export function safeQuery(req: Request): Record<string, unknown> {
  const query = req.query as Record<string, unknown>;
  const refused = operatorLadenKeys(query);
  if (refused.length) throw badRequest(refused.map((field) => ({ field, key: 'validation.operator' })));
  return query;
}

/** A query string holding only `keys`, in their order, with empty values left out. */
export function queryString(
  query: Record<string, unknown>,
  keys: readonly string[],
  overrides: Record<string, unknown> = {},
): string {
  const params = new URLSearchParams();
  for (const key of keys) {
    const value = key in overrides ? overrides[key] : query[key];
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' && v !== '') params.append(key, v);
      else if (typeof v === 'number') params.append(key, String(v));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
