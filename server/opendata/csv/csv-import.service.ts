// A CSV import: the file read through the chosen mapping, every row checked (a dry run shows all problems before
// anything is written), then upserted by the chosen source's name and each row's id.
import type { Types } from 'mongoose';
import { syncSourcedLocations, type SourcedRecord, type SyncReport } from '../../locations/index.ts';
import { badRequest } from '../../shared/errors/app-error.ts';
import type { Principal } from '../../shared/principal.ts';
import { auditImportReport, type ImportReport } from '../import-report.ts';
import { readCsvTable } from './csv-file.ts';
import { readRow, type MappingSettings, type ReadRow } from './csv-mapping.ts';

export interface CsvImportSettings extends MappingSettings {
  sourceName: string;
  licence?: string;
  attribution?: string;
  archiveMissing: boolean;
}

export interface CsvPreview {
  headers: string[];
  total: number;
  /** Rows with problems, every one of them. */
  problems: ReadRow[];
  /** Rows whose hours were converted from text, for the manager to confirm. */
  converted: ReadRow[];
  /** The first rows as read, to check the mapping by eye. */
  sample: { row: number; cells: string[] }[];
  /** What the import would do. */
  report: SyncReport;
}

const SAMPLE_ROWS = 5;

interface Network {
  _id: Types.ObjectId;
  slug: string;
}

function readAll(text: string, settings: MappingSettings) {
  const table = readCsvTable(Buffer.from(text, 'utf8'));
  const read = table.rows.map((cells, index) => readRow(cells, index, settings));
  return { table, read };
}

const sourceOf = (settings: CsvImportSettings) => ({
  name: settings.sourceName,
  ...(settings.licence ? { licence: settings.licence } : {}),
  ...(settings.attribution ? { attribution: settings.attribution } : {}),
});

const recordsOf = (read: ReadRow[]) => read.flatMap((r) => (r.record ? [r.record] : []));

export async function previewCsv(
  p: Principal,
  network: Network,
  text: string,
  settings: CsvImportSettings,
): Promise<CsvPreview> {
  const { table, read } = readAll(text, settings);
  const report = await syncSourcedLocations(p, {
    network,
    source: sourceOf(settings),
    records: recordsOf(read),
    archiveMissing: settings.archiveMissing,
    dryRun: true,
  });
  return {
    headers: table.headers,
    total: table.rows.length,
    problems: read.filter((r) => r.problems.length),
    converted: read.filter((r) => r.hours?.converted),
    sample: table.rows.slice(0, SAMPLE_ROWS).map((cells, i) => ({ row: i + 2, cells })),
    report,
  };
}

/** Imports every row, or nothing: a file with any row in error is refused whole, naming the rows. */
export async function importCsv(
  p: Principal,
  network: Network,
  file: { text: string; fileName: string },
  settings: CsvImportSettings,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const { read } = readAll(file.text, settings);
  const withProblems = read.filter((r) => r.problems.length);
  if (withProblems.length) {
    throw badRequest([{ field: 'file', key: 'opendata:errors.rowsHaveProblems' }]);
  }
  const records: SourcedRecord[] = recordsOf(read);
  const synced = await syncSourcedLocations(p, {
    network,
    source: sourceOf(settings),
    records,
    archiveMissing: settings.archiveMissing,
    dryRun: false,
    ...(onProgress ? { onProgress } : {}),
  });
  const report: ImportReport = { ...synced, source: settings.sourceName, file: file.fileName, dryRun: false };
  await auditImportReport(p, network, report);
  return report;
}
