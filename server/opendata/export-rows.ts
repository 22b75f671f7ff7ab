// One location as an export writes it: a CSV row (one column per language of name and description) or a GeoJSON
// feature. Pure: no I/O.
import type { Location } from '../locations/index.ts';

/** What a row needs besides the location: where pages are, and the networks' slugs by id. */
export interface RowContext {
  baseUrl: string;
  networkSlug: (id: string) => string;
}

/** A source as an export credits it. */
export interface SourceCredit {
  name: string;
  url?: string;
  licence?: string;
  attribution?: string;
}

/**
 * A spreadsheet reads a cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula:
 * such text is written with a leading apostrophe, which spreadsheets show as text. Numbers are written as numbers.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const FIXED_BEFORE = ['slug'] as const;
const FIXED_AFTER = [
  'type',
  'governance',
  'openness',
  'space_kind',
  'street',
  'postcode',
  'locality',
  'region',
  'country',
  'lat',
  'lng',
  'approximate',
  'opening_hours',
  'time_zone',
  'facilities',
  'wifi_mbps',
  'desks',
  'website',
  'email',
  'phone',
  'network',
  'url',
  'updated_at',
  'source_name',
  'source_record_id',
  'source_url',
  'licence',
  'attribution',
] as const;

/** The CSV header: the fixed columns with `name_xx` and `description_xx` for each of `languages`. */
export function csvColumns(languages: readonly string[]): string[] {
  return [
    ...FIXED_BEFORE,
    ...languages.map((l) => `name_${l}`),
    ...languages.map((l) => `description_${l}`),
    ...FIXED_AFTER,
  ];
}

const pageUrl = (context: RowContext, slug: string) => `${context.baseUrl}/locations/${encodeURIComponent(slug)}`;

/** The location's source as credited; a listing written here is credited to its network's place on this instance. */
export function sourceCredit(location: Location): SourceCredit {
  const source = location.source;
  return {
    name: source?.name ?? '',
    ...(source?.url ? { url: source.url } : {}),
    ...(source?.licence ? { licence: source.licence } : {}),
    ...(source?.attribution ? { attribution: source.attribution } : {}),
  };
}

/** The row's cells in the order of `csvColumns(languages)`; text cells neutralised. */
export function csvRow(location: Location, languages: readonly string[], context: RowContext): (string | number)[] {
  const text = (value: string | null | undefined) => neutraliseFormula(value ?? '');
  const credit = sourceCredit(location);
  const { address, coordinates, model } = location;
  return [
    text(location.slug),
    ...languages.map((l) => text(location.name[l])),
    ...languages.map((l) => text(location.description?.[l])),
    location.type,
    model.governance,
    model.openness,
    model.spaceKind,
    text(address.street),
    text(address.postcode),
    text(address.locality),
    text(address.region),
    address.countryCode,
    coordinates.lat,
    coordinates.lng,
    coordinates.approximate ? 'true' : 'false',
    text(location.openingHours),
    location.timeZone,
    (location.facilities ?? []).join(';'),
    location.wifiMbps ?? '',
    location.capacity?.desks ?? '',
    text(location.contact?.website),
    text(location.contact?.email),
    text(location.contact?.phone),
    context.networkSlug(location.network.toString()),
    pageUrl(context, location.slug),
    location.updatedAt.toISOString(),
    text(credit.name),
    text(location.source?.recordId),
    text(credit.url),
    text(credit.licence),
    text(credit.attribution),
  ];
}

/** The location as a GeoJSON feature (RFC 7946: longitude first), its texts as language maps. */
export function geoJsonFeature(location: Location, context: RowContext) {
  const { address, coordinates } = location;
  return {
    type: 'Feature' as const,
    id: location.slug,
    geometry: { type: 'Point' as const, coordinates: [coordinates.lng, coordinates.lat] },
    properties: {
      slug: location.slug,
      language: location.language,
      nameMap: location.name,
      descriptionMap: location.description ?? {},
      type: location.type,
      model: location.model,
      address: {
        street: address.street ?? undefined,
        postcode: address.postcode ?? undefined,
        locality: address.locality,
        region: address.region ?? undefined,
        countryCode: address.countryCode,
      },
      approximate: Boolean(coordinates.approximate),
      openingHours: location.openingHours ?? undefined,
      timeZone: location.timeZone,
      facilities: location.facilities ?? [],
      wifiMbps: location.wifiMbps ?? undefined,
      desks: location.capacity?.desks ?? undefined,
      contact: location.contact ?? {},
      network: context.networkSlug(location.network.toString()),
      url: pageUrl(context, location.slug),
      updatedAt: location.updatedAt.toISOString(),
      source: { ...sourceCredit(location), recordId: location.source?.recordId ?? undefined },
    },
  };
}
