// The editor's form and the write schema speak the same shape: flat form fields named by their path ("name.nl",
// "address.locality", "tariffs.0.amount") are read into it, and a stored location is turned into it for editing.
import { UI_LANGUAGES } from '../shared/i18n/languages.ts';
import { LANGUAGE_CODE } from '../shared/db/language-map.ts';
import type { Location } from './location.model.ts';
import { DAY_PART_NAMES } from './location.vocabulary.ts';
import type { ErrorDetail } from '../shared/errors/app-error.ts';
import { dayPartsShown } from './day-parts.ts';

type Body = Record<string, unknown>;

const TARIFF_ROW = /^tariffs\.(\d{1,2})\.(category|amount|currency|dayPart)$/;

/** A single text field; a field sent twice stays an array, which the schema refuses. */
const field = (body: Body, name: string): unknown => body[name];

const textField = (body: Body, name: string): unknown => {
  const value = field(body, name);
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
};

/** Numbers typed with a decimal comma are read too; what is not a number stays text for the schema to refuse. */
function numberField(body: Body, name: string): unknown {
  const value = textField(body, name);
  if (typeof value !== 'string') return value;
  const parsed = Number(value.trim().replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : value;
}

const checkbox = (body: Body, name: string): boolean => body[name] !== undefined;

function listField(body: Body, name: string): unknown {
  const value = body[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** `prefix.xx` fields as a language map; only well-formed language codes are read. */
function mapField(body: Body, prefix: string): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const lang = key.slice(prefix.length + 1);
    if (LANGUAGE_CODE.test(lang)) map[lang] = body[key];
  }
  return map;
}

/** Tariff rows in form order; rows left empty are dropped, so a blank row is how one is removed or left unused. */
function tariffRows(body: Body): unknown[] {
  const rows = new Map<number, Record<string, unknown>>();
  for (const key of Object.keys(body)) {
    const match = TARIFF_ROW.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const row = rows.get(index) ?? {};
    row[match[2]!] = match[2] === 'amount' ? numberField(body, key) : textField(body, key);
    rows.set(index, row);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => row.category !== undefined || row.amount !== undefined);
}

/**
 * The offered day-parts, one fieldset per day-part (`dayParts.morning.offered`, `.from`, `.to`, `.days`); a day-part
 * not ticked is not offered, whatever its hours say.
 */
function dayPartRows(body: Body): unknown[] {
  return DAY_PART_NAMES.filter((part) => checkbox(body, `dayParts.${part}.offered`)).map((part) => ({
    part,
    from: textField(body, `dayParts.${part}.from`),
    to: textField(body, `dayParts.${part}.to`),
    days: body[`dayParts.${part}.days`] === undefined ? undefined : listField(body, `dayParts.${part}.days`),
  }));
}

/** A detail on `dayParts.<i>…` names the form's field of that day-part (`dayParts.morning.to`). */
export function formDetail(detail: ErrorDetail, input: Record<string, unknown>): ErrorDetail {
  const match = /^dayParts\.(\d+)(?:\.(\w+))?/.exec(detail.field ?? '');
  if (!match) return detail;
  const row = (input.dayParts as { part?: unknown }[] | undefined)?.[Number(match[1])];
  return typeof row?.part === 'string' ? { ...detail, field: `dayParts.${row.part}.${match[2] ?? 'from'}` } : detail;
}

/** Reads the form's fields into the write schema's shape, without judging them. */
export function formToInput(body: unknown): Record<string, unknown> {
  const b = (body && typeof body === 'object' ? body : {}) as Body;
  const desks = numberField(b, 'capacity.desks');
  return {
    network: textField(b, 'network'),
    language: textField(b, 'language'),
    name: mapField(b, 'name'),
    description: mapField(b, 'description'),
    type: textField(b, 'type'),
    model: {
      governance: textField(b, 'model.governance'),
      openness: textField(b, 'model.openness'),
      spaceKind: textField(b, 'model.spaceKind'),
    },
    address: {
      street: textField(b, 'address.street'),
      postcode: textField(b, 'address.postcode'),
      locality: textField(b, 'address.locality'),
      region: textField(b, 'address.region'),
      countryCode: textField(b, 'address.countryCode'),
    },
    coordinates: {
      lat: numberField(b, 'coordinates.lat'),
      lng: numberField(b, 'coordinates.lng'),
      approximate: checkbox(b, 'coordinates.approximate'),
    },
    openingHours: textField(b, 'openingHours'),
    timeZone: textField(b, 'timeZone'),
    facilities: listField(b, 'facilities'),
    wifiMbps: numberField(b, 'wifiMbps'),
    capacity: desks === undefined ? undefined : { desks },
    contact: {
      website: textField(b, 'contact.website'),
      email: textField(b, 'contact.email'),
      phone: textField(b, 'contact.phone'),
    },
    tariffs: tariffRows(b),
    dayParts: dayPartRows(b),
  };
}

/** A stored location as the form's values. */
export function storedToInput(location: Location, networkSlug: string): Record<string, unknown> {
  return {
    network: networkSlug,
    language: location.language,
    name: { ...location.name },
    description: { ...(location.description ?? {}) },
    type: location.type,
    model: { ...location.model },
    address: { ...location.address },
    coordinates: {
      lat: location.coordinates.lat,
      lng: location.coordinates.lng,
      approximate: Boolean(location.coordinates.approximate),
    },
    openingHours: location.openingHours ?? undefined,
    timeZone: location.timeZone,
    facilities: [...(location.facilities ?? [])],
    wifiMbps: location.wifiMbps ?? undefined,
    capacity: location.capacity?.desks != null ? { desks: location.capacity.desks } : undefined,
    contact: { ...(location.contact ?? {}) },
    tariffs: (location.tariffs ?? []).map((t) => ({
      category: t.category,
      amount: t.amount,
      currency: t.currency,
      ...(t.dayPart ? { dayPart: t.dayPart } : {}),
    })),
    dayParts: dayPartsShown(location),
  };
}

/**
 * The language columns of the editor: the four interface languages, then any other language the listing already
 * has text in or is written in, so that saving the form never drops text it did not show.
 */
export function formLanguages(values: { language?: unknown; name?: unknown; description?: unknown }): string[] {
  const extra = new Set<string>();
  for (const map of [values.name, values.description]) {
    if (map && typeof map === 'object') for (const lang of Object.keys(map)) extra.add(lang);
  }
  if (typeof values.language === 'string') extra.add(values.language);
  const ui: readonly string[] = UI_LANGUAGES;
  return [...ui, ...[...extra].filter((lang) => !ui.includes(lang) && LANGUAGE_CODE.test(lang)).sort()];
}
