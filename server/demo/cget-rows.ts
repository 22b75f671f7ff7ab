// Turns rows of the CGET 2019 third-places file (committed column subset) into location fields, reading each
// column for what it really holds: a geocoder's precision, a locality in one of three columns, loose website text.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { LocationType, SpaceKind } from '../locations/index.ts';
import { foldText, tokenize } from '../shared/text/normalize.ts';

export type CgetRow = Record<string, string>;

export const CGET_FILE = new URL('./data/fr-cget-tiers-lieux-2019.csv', import.meta.url);

export const CGET_SOURCE = {
  // Names, not sentences: the place page shows them under translated labels, in every language.
  name: 'CGET (ANCT), Mission Coworking – base des tiers-lieux, 2019',
  url: 'https://github.com/anct-carto/mission_coworking',
  licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
} as const;

export function readCgetRows(): CgetRow[] {
  return parse<CgetRow>(readFileSync(CGET_FILE), { columns: true, bom: true, skip_empty_lines: true });
}

// A few values were UTF-8 read as Latin-1 once ("chezmÃ©mÃ©"); decoding them back is lossless.
const MOJIBAKE = /[ÃÂ][\u0080-\u00bf]/;
function repairMojibake(value: string): string {
  if (!MOJIBAKE.test(value) || [...value].some((char) => char.charCodeAt(0) > 0xff)) return value;
  const repaired = Buffer.from(value, 'latin1').toString('utf8');
  return repaired.includes('\ufffd') ? value : repaired;
}

const text = (value: string | undefined) => repairMojibake((value ?? '').replace(/\s+/g, ' ').trim());

function coordinate(value: string | undefined, limit: number): number | undefined {
  const number = Number(text(value) || Number.NaN);
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : undefined;
}

/** The row's coordinates, or undefined when either is missing or out of range (such rows are skipped). */
export function cgetCoordinates(row: CgetRow): { lat: number; lng: number } | undefined {
  const lat = coordinate(row.LAT, 90);
  const lng = coordinate(row.LONG, 180);
  if (lat === undefined || lng === undefined || (lat === 0 && lng === 0)) return undefined;
  return { lat, lng };
}

/**
 * PRECISION holds two scales. Most rows carry the 0–1 score of the address geocoder that produced GEOCOD
 * (0.99 with GEOCOD "PLACE A LA MAIN": placed by hand); rows 1038–1118 (one regional batch, GEOCOD in the
 * "…, France" style) carry a 0–9 accuracy level (4 town, 6 street, 8 address, 9 building). Missing: unknown origin.
 */
export function isApproximate(precision: string | undefined): boolean {
  const value = Number(text(precision) || Number.NaN);
  if (!Number.isFinite(value)) return true;
  return value > 1 ? value < 8 : value < 0.8;
}

const sameName = (a: string, b: string) => tokenize(a).join(' ') === tokenize(b).join(' ');

/**
 * NOMCOM is the geocoded commune; where it is empty, COMINIT is the commune as entered (often in capitals), and
 * NOMCOMMETRO the commune the coordinates fall in — preferred for its spelling when it names the same place.
 */
export function cgetLocality(row: CgetRow): string | undefined {
  const geocoded = text(row.NOMCOM);
  const entered = text(row.COMINIT);
  const atCoordinates = text(row.NOMCOMMETRO);
  if (geocoded) return geocoded;
  if (entered) return atCoordinates && sameName(entered, atCoordinates) ? atCoordinates : entered;
  return atCoordinates || undefined;
}

/** WEB is free text: a bare host, a URL, a URL with a label, or words ("en cours"). Only a URL is kept. */
export function cgetWebsite(value: string | undefined): string | undefined {
  const raw = text(value);
  const candidate =
    raw.match(/https?:\/\/[^\s|]+/i)?.[0] ??
    (/^[^\s|/]+\.[a-z]{2,}(\/\S*)?$/i.test(raw) ? `https://${raw}` : undefined);
  // An e-mail address in WEB is not a website, and CONTACT/MAIL were blanked in the source on purpose.
  if (!candidate || candidate.includes('@')) return undefined;
  try {
    return new URL(candidate).hostname.includes('.') ? candidate : undefined;
  } catch {
    return undefined;
  }
}

const OVERSEAS_TIME_ZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
};

/** A postcode with five digits, or undefined (the file writes "0" for none). */
export function cgetPostcode(row: CgetRow): string | undefined {
  const postcode = text(row.CP);
  return /^\d{5}$/.test(postcode) ? postcode : undefined;
}

/** Europe/Paris, except for the overseas departments, recognised by their postcode. */
export function cgetTimeZone(row: CgetRow): string {
  return OVERSEAS_TIME_ZONES[cgetPostcode(row)?.slice(0, 3) ?? ''] ?? 'Europe/Paris';
}

/** TYPO says whether coworking or a fablab leads; rows without it are other third places. */
export function cgetKind(row: CgetRow): { type: LocationType; spaceKind: SpaceKind } {
  const typo = foldText(text(row.TYPO));
  if (typo.includes('coworking')) return { type: 'coworking', spaceKind: 'shared-workspace' };
  if (typo.includes('fablab')) return { type: 'fablab', spaceKind: 'third-place' };
  return { type: 'third-place', spaceKind: 'third-place' };
}

export const cgetName = (row: CgetRow) => text(row.NOM_TL);
export const cgetStreet = (row: CgetRow) => text(row.ADRESSE) || undefined;
export const cgetRegion = (row: CgetRow) => text(row.NOMREG) || undefined;
