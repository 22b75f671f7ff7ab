// The manager's event form: its fields (flat names, as a form without script sends them) to and from the write schema.
import { TARIFF_CATEGORIES } from '../locations/index.ts';
import { AppError, badRequest, type ErrorDetail } from '../shared/errors/app-error.ts';
import type { EventInput } from './event.schemas.ts';

export const FORM_LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;

type Body = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

function languageMap(body: Body, field: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const lang of FORM_LANGUAGES) {
    const value = text(body[`${field}.${lang}`]);
    if (value !== undefined) map[lang] = value;
  }
  return map;
}

/** The form's fields as the write schema's input. `where` is "location:<slug>" or "network:<slug>". */
export function formToInput(body: Body): Record<string, unknown> {
  const [kind, slug] = (text(body.where) ?? '').split(':');
  const currency = (text(body.currency) ?? '').trim().toUpperCase() || 'EUR';
  return {
    ...(kind === 'location' && slug ? { location: slug } : {}),
    ...(kind === 'network' && slug ? { network: slug } : {}),
    language: text(body.language),
    title: languageMap(body, 'title'),
    description: languageMap(body, 'description'),
    category: text(body.category),
    start: text(body.start),
    end: text(body.end),
    timeZone: text(body.timeZone),
    rrule: text(body.rrule),
    capacity: text(body.capacity),
    audience: { kind: text(body.audience) ?? 'open', networks: list(body.audienceNetworks) },
    prices: TARIFF_CATEGORIES.flatMap((category) => {
      const amount = text(body[`price.${category}`])?.trim();
      return amount ? [{ category, amount, currency }] : [];
    }),
    registrationRequired: body.registrationRequired === 'on',
    status: text(body.status),
  };
}

/** A stored event's input as the form's fields. */
export function inputToForm(input: EventInput): Record<string, unknown> {
  const values: Record<string, unknown> = {
    where: input.location ? `location:${input.location}` : `network:${input.network}`,
    language: input.language,
    category: input.category,
    start: input.start,
    end: input.end,
    timeZone: input.timeZone ?? '',
    rrule: input.rrule ?? '',
    capacity: input.capacity ? String(input.capacity) : '',
    audience: input.audience.kind,
    audienceNetworks: input.audience.networks,
    currency: input.prices[0]?.currency ?? 'EUR',
    registrationRequired: input.registrationRequired ? 'on' : '',
    status: input.status,
  };
  for (const lang of FORM_LANGUAGES) {
    values[`title.${lang}`] = input.title[lang] ?? '';
    values[`description.${lang}`] = input.description[lang] ?? '';
  }
  for (const price of input.prices) values[`price.${price.category}`] = String(price.amount);
  return values;
}

/** The form field a schema path is shown at. */
function formField(field: string): string {
  if (field === 'location' || field === 'network') return 'where';
  if (field.startsWith('prices')) return 'prices';
  if (field === 'title' || field === 'description') return `${field}.en`;
  if (field.startsWith('audience.networks')) return 'audienceNetworks';
  return field;
}

/** An error of the write schema or the service, with its details named as the form's fields. */
export function asFormError(error: unknown): unknown {
  if (!(error instanceof AppError) || error.details.length === 0) return error;
  const details: ErrorDetail[] = error.details.map((d) => ({ ...d, field: formField(d.field) }));
  return error.status === 400 ? badRequest(details) : new AppError(error.status, error.code, error.key, { details });
}
