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

/** Every language an Accept-Language header accepts, as base tags ("nl-BE" → "nl"), by quality then order, once each. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { base: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q) && /^[a-z]{2,3}$/.test(entry.base))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return [...new Set(ranked.map((entry) => entry.base))];
}

/** Picks the best interface language from an Accept-Language header, by quality then order. */
export function fromAcceptLanguage(header: string | undefined): UiLanguage | undefined {
  return acceptedLanguages(header).find(isUiLanguage);
}

/**
 * The languages a reader reads content in, best first: the interface language, then every other language the request
 * accepts (content may be in languages the interface is not), so a text missing in the first is looked for in the next.
 */
export function readerLanguages(uiLanguage: UiLanguage, acceptLanguage: string | undefined): string[] {
  return [...new Set([uiLanguage, ...acceptedLanguages(acceptLanguage)])];
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
