// The interface languages and how a request's language is chosen: ?lang=, then the cookie, then the profile, then Accept-Language.
export const UI_LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: UiLanguage = 'en';
export const LANGUAGE_COOKIE = 'lang';
const LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * The Set-Cookie value that remembers a chosen language for a year. Written here once for every place that sets it,
 * including the map's answers written without Express; the page's scripts read it, so it is not HttpOnly.
 */
export function languageCookie(lang: UiLanguage, now = Date.now()): string {
  const expires = new Date(now + LANGUAGE_COOKIE_SECONDS * 1000).toUTCString();
  return `${LANGUAGE_COOKIE}=${lang}; Max-Age=${LANGUAGE_COOKIE_SECONDS}; Path=/; Expires=${expires}; SameSite=Lax`;
}

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

/** Picks the best interface language from an Accept-Language header, by quality then order. */
export function fromAcceptLanguage(header: string | undefined): UiLanguage | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isUiLanguage);
}

/** ?lang= first, then the cookie, then a signed-in person's preferred language, then Accept-Language. */
export function negotiateLanguage(input: {
  query?: unknown;
  cookie?: unknown;
  preferred?: unknown;
  acceptLanguage?: string;
}): UiLanguage {
  if (isUiLanguage(input.query)) return input.query;
  if (isUiLanguage(input.cookie)) return input.cookie;
  if (isUiLanguage(input.preferred)) return input.preferred;
  return fromAcceptLanguage(input.acceptLanguage) ?? DEFAULT_LANGUAGE;
}
