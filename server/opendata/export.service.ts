// Exports of a directory search as CSV or GeoJSON, written a row at a time to a sink that waits when the reader is slow.
import { stringify } from 'csv-stringify/sync';
import type { FoundIds } from '../directory/index.ts';
import { publishedLocationsAmong } from '../locations/index.ts';
import { networksByIds } from '../networks/index.ts';
import { UI_LANGUAGES } from '../shared/i18n/languages.ts';
import { csvColumns, csvRow, geoJsonFeature, sourceCredit, type RowContext, type SourceCredit } from './export-rows.ts';

export type ExportFormat = 'csv' | 'geojson';

/** Writes a chunk; resolves once the reader has room for more (the caller's backpressure). */
export type Sink = (chunk: string) => Promise<void>;

async function rowContext(baseUrl: string): Promise<RowContext> {
  // Networks are few: read once per export rather than once per row.
  const slugs = new Map((await networksByIds()).map((n) => [n._id.toString(), n.slug]));
  return { baseUrl, networkSlug: (id) => slugs.get(id) ?? '' };
}

/** Every UI language, then the others the places use: a spreadsheet user finds the same first columns each time. */
function columnLanguages(found: FoundIds): string[] {
  return [...UI_LANGUAGES, ...found.languages.filter((l) => !(UI_LANGUAGES as readonly string[]).includes(l))];
}

/** The CSV: UTF-8 with a byte-order mark (spreadsheets otherwise guess another encoding), one row per place. */
export async function writeCsvExport(found: FoundIds, baseUrl: string, send: Sink): Promise<number> {
  const context = await rowContext(baseUrl);
  const languages = columnLanguages(found);
  await send(`\uFEFF${stringify([csvColumns(languages)])}`);
  let rows = 0;
  for await (const location of publishedLocationsAmong(found.ids, found.count)) {
    await send(stringify([csvRow(location, languages, context)]));
    rows += 1;
  }
  return rows;
}

/**
 * The GeoJSON FeatureCollection, features first; the sources' licences and attributions come last, once every
 * feature has named its own (a foreign member, which RFC 7946 allows).
 */
export async function writeGeoJsonExport(found: FoundIds, baseUrl: string, send: Sink): Promise<number> {
  const context = await rowContext(baseUrl);
  const sources = new Map<string, SourceCredit>();
  await send('{"type":"FeatureCollection","features":[');
  let rows = 0;
  for await (const location of publishedLocationsAmong(found.ids, found.count)) {
    const credit = sourceCredit(location);
    sources.set(JSON.stringify(credit), credit);
    await send(`${rows ? ',' : ''}\n${JSON.stringify(geoJsonFeature(location, context))}`);
    rows += 1;
  }
  await send(`\n],"sources":${JSON.stringify([...sources.values()])}}\n`);
  return rows;
}

export function writeExport(format: ExportFormat, found: FoundIds, baseUrl: string, send: Sink): Promise<number> {
  return format === 'csv' ? writeCsvExport(found, baseUrl, send) : writeGeoJsonExport(found, baseUrl, send);
}
