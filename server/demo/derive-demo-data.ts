// Run once by a developer (node server/demo/derive-demo-data.ts [source-dir]): reads the large source files in
// ../shared/data and writes the small committed files the app seeds from — a column subset of the CGET 2019 third
// places, the hand-described seed places placed at Who's On First locality centres, and the place-name alias table.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { tokenize } from '../shared/text/normalize.ts';
import { DEMO_NETWORKS, SEED_PLACES, WOF_ATTRIBUTION } from './seed-place-facts.ts';

const sourceDir = process.argv[2] ?? fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const demoDir = fileURLToPath(new URL('./data/', import.meta.url));
const directoryDir = fileURLToPath(new URL('../directory/data/', import.meta.url));

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return parse<Row>(readFileSync(join(sourceDir, file)), { columns: true, bom: true, skip_empty_lines: true });
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Only the columns the seed uses; values are copied unchanged so the subset stays checkable against the source. */
const CGET_COLUMNS = [
  'ID',
  'NOM_TL',
  'ADRESSE',
  'CP',
  'COMINIT',
  'NOMCOM',
  'NOMCOMMETRO',
  'WEB',
  'TYPO',
  'LAT',
  'LONG',
  'PRECISION',
  'INSEEDEP',
  'NOMREG',
] as const;

function deriveCget(): number {
  const rows = readCsv('fr_cget_tiers_lieux_2019.csv');
  const lines = [CGET_COLUMNS.join(',')];
  for (const row of rows) lines.push(CGET_COLUMNS.map((column) => csvField(row[column] ?? '')).join(','));
  writeFileSync(join(demoDir, 'fr-cget-tiers-lieux-2019.csv'), lines.join('\n') + '\n');
  // Read and written rather than copied, so the copy does not inherit the source's read-only mode.
  const licence = readFileSync(join(sourceDir, 'fr_cget_tiers_lieux_2019.LICENCE.md'));
  writeFileSync(join(demoDir, 'fr-cget-tiers-lieux-2019.LICENCE.md'), licence);
  return rows.length;
}

const ALIAS_NAME_COLUMNS = ['name', 'name_nld', 'name_fra', 'name_deu', 'name_eng'];
// A place's own language must be an alias too ("Roma" for WOF's "Rome"): the country's official languages
// beyond the four above, with Spain's co-official ones.
const LOCAL_NAME_COLUMNS: Record<string, string[]> = {
  CH: ['name_ita', 'name_roh'],
  ES: ['name_spa', 'name_cat', 'name_eus', 'name_glg'],
  IT: ['name_ita'],
  LU: ['name_ltz'],
  NL: ['name_fry'],
};
const foldedKey = (name: string) => tokenize(name).join(' ');

/** The distinct spellings of a place's name in Passerelle's content languages and its own, the default name first. */
function distinctNames(row: Row): string[] {
  const names: string[] = [];
  for (const column of [...ALIAS_NAME_COLUMNS, ...(LOCAL_NAME_COLUMNS[row.country ?? ''] ?? [])]) {
    const name = (row[column] ?? '').trim();
    if (name !== '' && !names.some((kept) => kept.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names;
}

/** True when the names differ by more than accents, case and punctuation: "Liège|Luik", not "Liège|Liege". */
const namesReallyDiffer = (names: string[]) => new Set(names.map(foldedKey)).size > 1;

// WOF's is_current is 1 (current), 0 (no longer current) or -1 (not known); only 0 is left out.
const isUsable = (row: Row) => (row.placetype === 'locality' || row.placetype === 'region') && row.is_current !== '0';

/**
 * The name a reader of each of Passerelle's languages sees, as the table's columns: the index of that name among the
 * place's names (empty where WOF has none), which keeps the table near its size without them.
 */
const READER_NAME_COLUMNS = { name_nl: 'name_nld', name_fr: 'name_fra', name_de: 'name_deu', name_en: 'name_eng' };

/**
 * The French regions of the CGET data (its NOMREG) whose English, Dutch or German names differ from the French by more
 * than accents: WOF's files here cover seven other countries, so these few are written by hand (the usual exonyms),
 * French name first, then nl, fr, de, en as in WOF's lines.
 */
const FRENCH_REGIONS: { names: string[]; nl: number; fr: number; de: number; en: number }[] = [
  { names: ['Bretagne', 'Brittany'], nl: 0, fr: 0, de: 0, en: 1 },
  { names: ['Normandie', 'Normandy', 'Normandië'], nl: 2, fr: 0, de: 0, en: 1 },
  { names: ['Corse', 'Corsica', 'Korsika'], nl: 1, fr: 0, de: 2, en: 1 },
  { names: ['Occitanie', 'Occitania', 'Okzitanien', 'Occitanië'], nl: 3, fr: 0, de: 2, en: 1 },
  {
    names: ['Bourgogne et Franche-Comté', 'Burgundy-Franche-Comté', 'Burgund-Franche-Comté', 'Bourgogne-Franche-Comté'],
    nl: 3,
    fr: 0,
    de: 2,
    en: 1,
  },
];

function derivePlaceNames(wof: Row[]): { lines: number; bytes: number } {
  const entries = wof
    .filter(isUsable)
    .map((row) => ({ row, names: distinctNames(row) }))
    .filter(({ names }) => namesReallyDiffer(names));
  // Preferred first, because lookups take the first place of a name: localities before regions, current ones, then
  // the most populous.
  entries.sort(
    (a, b) =>
      Number(b.row.placetype === 'locality') - Number(a.row.placetype === 'locality') ||
      Number(b.row.is_current === '1') - Number(a.row.is_current === '1') ||
      Number(b.row.population || 0) - Number(a.row.population || 0) ||
      Number(a.row.wof_id) - Number(b.row.wof_id),
  );
  const lines = [
    ['country', 'wof_id', 'lat', 'lon', 'names', 'placetype', ...Object.keys(READER_NAME_COLUMNS)].join('\t'),
  ];
  for (const { row, names } of entries) {
    if (names.some((name) => /[\t|\n]/.test(name))) continue;
    const readerNames = Object.values(READER_NAME_COLUMNS).map((column) => {
      const name = (row[column] ?? '').trim().toLowerCase();
      return name === '' ? '' : String(names.findIndex((kept) => kept.toLowerCase() === name));
    });
    lines.push([row.country, row.wof_id, row.lat, row.lon, names.join('|'), row.placetype, ...readerNames].join('\t'));
  }
  for (const { names, nl, fr, de, en } of FRENCH_REGIONS) {
    lines.push(['FR', `hand:${names[0]}`, '', '', names.join('|'), 'region', nl, fr, de, en].join('\t'));
  }
  const text = lines.join('\n') + '\n';
  writeFileSync(join(directoryDir, 'place-names.tsv'), text);
  return { lines: lines.length - 1, bytes: Buffer.byteLength(text) };
}

function regionOf(row: Row, byId: Map<string, Row>): string | undefined {
  for (let parent = byId.get(row.parent_id ?? ''); parent; parent = byId.get(parent.parent_id ?? '')) {
    if (parent.placetype === 'region') return parent.name;
  }
  return undefined;
}

function deriveSeedPlaces(wof: Row[]): void {
  const byId = new Map(wof.map((row) => [row.wof_id ?? '', row]));
  const places = SEED_PLACES.map(({ wofLocalityId, ...place }) => {
    const locality = byId.get(wofLocalityId);
    if (!locality || locality.placetype !== 'locality' || locality.is_current !== '1') {
      throw new Error(`WOF ${wofLocalityId} is not a current locality in the source file`);
    }
    const region = regionOf(locality, byId);
    return {
      ...place,
      address: { ...place.address, ...(region ? { region } : {}) },
      source: {
        ...place.source,
        // A name and an id, not an English sentence: the page's translated note says the position is the town's centre.
        attribution: `${WOF_ATTRIBUTION} #${wofLocalityId}`,
      },
      coordinates: { lat: Number(locality.lat), lng: Number(locality.lon), approximate: true },
      wofLocalityId,
    };
  });
  const json = JSON.stringify({ networks: DEMO_NETWORKS, places }, null, 2);
  writeFileSync(join(demoDir, 'seed-places.json'), json + '\n');
}

mkdirSync(demoDir, { recursive: true });
mkdirSync(directoryDir, { recursive: true });
const cgetRows = deriveCget();
const wof = readCsv('eu7_wof_places.csv');
const placeNames = derivePlaceNames(wof);
deriveSeedPlaces(wof);
console.log(
  `CGET rows: ${cgetRows}; place names: ${placeNames.lines} localities, ${placeNames.bytes} bytes; seed places: ${SEED_PLACES.length}`,
);
