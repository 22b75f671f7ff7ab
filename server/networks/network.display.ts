// Formatting for network pages in the reader's language: countries, languages, dates; and safe JSON for a page's data block.
import type { TFunction } from 'i18next';
import { formatters } from '../shared/i18n/formatters.ts';
import { countryOptions } from './network.countries.ts';
import { CONTENT_LANGUAGES } from './network.schemas.ts';

/** The shared formatters, and a website's address without its scheme, for link text. */
export function display(lang: string) {
  return { ...formatters(lang), host: (url: string) => url.replace(/^https?:\/\//, '').replace(/\/$/, '') };
}

/** What the network form's selects offer, named in the reader's language. */
export function formOptions(lang: string) {
  const languages = new Intl.DisplayNames([lang], { type: 'language' });
  return {
    countries: countryOptions(lang),
    contentLanguages: CONTENT_LANGUAGES.map((code) => ({ code, name: languages.of(code) ?? code })),
  };
}

/**
 * JSON to place inside `<script type="application/json">`: `<`, `>` and `&` are escaped so that no text in it
 * (place names are user content) can close the element or open another.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** "Member, network admin, manager of 2 locations": what a membership or an invitation grants. */
export function describeRole(
  t: TFunction,
  role: { category: string; networkAdmin?: boolean | null; managedCount: number },
): string {
  return [
    t(`networks:category.${role.category}`),
    ...(role.networkAdmin ? [t('networks:role.networkAdmin')] : []),
    ...(role.managedCount ? [t('networks:role.manager', { count: role.managedCount })] : []),
  ].join(', ');
}

/**
 * "a•••@example.org": enough for the person an invitation was sent to to recognise their address, too little for
 * whoever a forwarded link reached to learn it. The hidden part's length is not shown either.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at) : '';
  return `${Array.from(local)[0] ?? ''}•••${domain}`;
}
