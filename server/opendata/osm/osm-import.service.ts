// Importing an Overpass JSON export into a network: parse, map each element, upsert by OSM id, report and audit.
import { lookUpNetwork } from '../../networks/index.ts';
import { syncSourcedLocations, type RejectedRecord, type SourcedRecord } from '../../locations/index.ts';
import { badRequest, notFound } from '../../shared/errors/app-error.ts';
import { assertAllowed, mayAdministerNetwork, type Principal } from '../../shared/principal.ts';
import { auditImportReport, withRejected, type ImportReport } from '../import-report.ts';
import { mapOsmElement, OSM_SOURCE } from './osm-mapping.ts';
import { overpassElementSchema, overpassFileSchema } from './overpass.schemas.ts';

export interface OsmImportOptions {
  networkSlug: string;
  /** The file's text. */
  text: string;
  fileName: string;
  archiveMissing: boolean;
  dryRun: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** The file's elements, or a 400 naming what is wrong with the file as a whole (nothing is written then). */
export function readOverpassFile(text: string): unknown[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest([{ field: 'file', key: 'opendata:errors.notJson' }]);
  }
  const file = overpassFileSchema.safeParse(json);
  if (!file.success) throw badRequest([{ field: 'file', key: 'opendata:errors.notOverpass' }]);
  return file.data.elements;
}

export async function importOsm(p: Principal, options: OsmImportOptions): Promise<ImportReport> {
  const network = await lookUpNetwork(options.networkSlug);
  if (!network) throw notFound('opendata:errors.networkNotFound');
  assertAllowed(p, mayAdministerNetwork(p, network._id));
  const elements = readOverpassFile(options.text);
  const records: SourcedRecord[] = [];
  const rejected: RejectedRecord[] = [];
  elements.forEach((raw, index) => {
    const element = overpassElementSchema.safeParse(raw);
    if (!element.success) {
      rejected.push({ recordId: `#${index + 1}`, position: index + 1, fields: [], reasons: ['malformedElement'] });
      return;
    }
    const mapped = mapOsmElement(element.data, {
      language: network.language,
      ...(network.countryCode ? { countryCode: network.countryCode } : {}),
    });
    if (mapped.ok) records.push({ recordId: mapped.recordId, position: index + 1, fields: mapped.fields });
    else rejected.push({ recordId: mapped.recordId, position: index + 1, fields: [], reasons: mapped.reasons });
  });
  const synced = await syncSourcedLocations(p, {
    network,
    source: OSM_SOURCE,
    records,
    archiveMissing: options.archiveMissing,
    dryRun: options.dryRun,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const report: ImportReport = {
    ...withRejected(synced, rejected),
    source: OSM_SOURCE.name,
    file: options.fileName,
    dryRun: options.dryRun,
  };
  if (!options.dryRun) await auditImportReport(p, network, report);
  return report;
}
