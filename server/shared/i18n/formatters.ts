// Dates, days, money, countries and languages written in the reader's language: the one set every page uses.
// Dates of places' calendars are ISO days ("2026-11-24"); instants are shown in UTC and say so.

/** A region's or language's name, or undefined for a code Intl refuses (it throws on "!" rather than answering). */
export function displayName(names: Intl.DisplayNames, code: string): string | undefined {
  try {
    return names.of(code);
  } catch {
    return undefined;
  }
}

const cache = new Map<string, ReturnType<typeof build>>();

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const utcDay = (isoDay: string) => new Date(`${isoDay}T00:00:00Z`);

function build(lang: string) {
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  });
  const weekday = new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
  const day = new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  const languages = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  const money = new Map<string, Intl.NumberFormat>();
  return {
    date: (value?: Date | string) => (value ? date.format(asDate(value)) : ''),
    dateTime: (value?: Date | string) => (value ? dateTime.format(asDate(value)) : ''),
    iso: (value?: Date | string) => (value ? asDate(value).toISOString() : ''),
    weekday: (isoDay: string) => weekday.format(utcDay(isoDay)),
    day: (isoDay: string) => day.format(utcDay(isoDay)),
    money: (amount: number, currency: string) => {
      let format = money.get(currency);
      if (!format) money.set(currency, (format = new Intl.NumberFormat(lang, { style: 'currency', currency })));
      return format.format(amount);
    },
    country: (code: string) => displayName(regions, code) ?? code,
    /** A language's name standing alone (a heading, an option): capitalised, as French and Dutch write it lower-case. */
    language: (code: string) => {
      const name = displayName(languages, code) ?? code;
      return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
    },
    languageList: (codes: string[]) => list.format(codes.map((code) => displayName(languages, code) ?? code)),
  };
}

export type Formatters = ReturnType<typeof build>;

export function formatters(lang: string): Formatters {
  let set = cache.get(lang);
  if (!set) cache.set(lang, (set = build(lang)));
  return set;
}
