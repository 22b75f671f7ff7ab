// Web imports as jobs: an upload is kept with its network, previewed (a dry run), then run in the background while
// the progress page reads how far it got; its report ends up on the job and in the audit log.
import { setTimeout } from 'node:timers/promises';
import { findNetworkBySlug, type Network } from '../networks/index.ts';
import { AppError, badRequest, notFound } from '../shared/errors/app-error.ts';
import { claims } from '../shared/db/claims.ts';
import { assertAllowed, mayAdministerNetwork, type Principal } from '../shared/principal.ts';
import type { Logger } from '../shared/logging/logger.ts';
import { readCsvTable } from './csv/csv-file.ts';
import { importCsv, previewCsv, type CsvImportSettings } from './csv/csv-import.service.ts';
import { guessMapping } from './csv/csv-mapping.ts';
import { ImportJobModel, type ImportJob } from './import-job.model.ts';
import type { ImportReport } from './import-report.ts';
import { importOsm, readOverpassFile } from './osm/osm-import.service.ts';

/** The largest file taken: a spreadsheet of 20,000 places is a few megabytes. */
export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
/** How often a running import writes its progress. */
const PROGRESS_EVERY_MS = 500;
const FINISH_ATTEMPTS = 8;
const FINISH_RETRY_MS = 500;

export async function administeredNetwork(p: Principal, slug: string): Promise<Network> {
  const network = await findNetworkBySlug(slug);
  assertAllowed(p, mayAdministerNetwork(p, network._id));
  return network;
}

export interface Upload {
  kind: 'csv' | 'osm';
  fileName: string;
  bytes: Buffer | undefined;
  truncated: boolean;
}

/** Checks the file as a whole and keeps it; a file too large, empty or of the wrong kind is refused and not kept. */
export async function uploadImport(p: Principal, network: Network, upload: Upload): Promise<ImportJob> {
  assertAllowed(p, mayAdministerNetwork(p, network._id));
  if (upload.truncated) {
    throw new AppError(413, 'payload_too_large', 'payloadTooLarge', {
      details: [{ field: 'file', key: 'opendata:errors.tooLarge' }],
    });
  }
  if (!upload.bytes?.length) throw badRequest([{ field: 'file', key: 'opendata:errors.noFile' }]);
  let text: string;
  let encoding: string;
  if (upload.kind === 'csv') {
    const table = readCsvTable(upload.bytes);
    encoding = table.encoding;
    // Kept as UTF-8 with the delimiter it came with: reading it again gives the same table.
    text = decodeFor(upload.bytes, encoding);
  } else {
    text = upload.bytes.toString('utf8');
    encoding = 'utf-8';
    readOverpassFile(text);
  }
  const job = await ImportJobModel.create({
    network: network._id,
    createdBy: p.userId ?? 'system',
    kind: upload.kind,
    fileName: upload.fileName.slice(0, 200) || upload.kind,
    text,
    encoding,
  });
  return job.toObject();
}

function decodeFor(bytes: Buffer, encoding: string): string {
  return new TextDecoder(encoding).decode(bytes);
}

export async function loadJob(p: Principal, network: Network, jobId: string): Promise<ImportJob> {
  assertAllowed(p, mayAdministerNetwork(p, network._id));
  const job = await ImportJobModel.findById(jobId).lean<ImportJob>();
  if (!job || !job.network.equals(network._id)) throw notFound('opendata:errors.jobNotFound');
  return job;
}

/** The settings a first preview starts from: the columns guessed from the header, the network's language and country. */
export function initialSettings(job: ImportJob, network: Network): CsvImportSettings {
  const table = readCsvTable(Buffer.from(job.text, 'utf8'));
  return {
    mapping: guessMapping(table.headers),
    language: network.language,
    defaultType: 'coworking',
    ...(network.countryCode ? { defaultCountry: network.countryCode } : {}),
    sourceName: job.fileName.replace(/\.[a-z0-9]+$/i, ''),
    archiveMissing: false,
  };
}

export function previewJob(p: Principal, network: Network, job: ImportJob, settings: CsvImportSettings) {
  return previewCsv(p, network, job.text, settings);
}

/** The OSM file's dry run: what importing it would do. */
export function previewOsmJob(p: Principal, network: Network, job: ImportJob, archiveMissing: boolean) {
  return importOsm(p, {
    networkSlug: network.slug,
    text: job.text,
    fileName: job.fileName,
    archiveMissing,
    dryRun: true,
  });
}

/**
 * Starts the import once (a claim per job: a second click or a second server does not run it again) and returns at
 * once; the run writes its progress and report on the job. A CSV with problems is refused before it starts.
 */
export async function startJob(
  p: Principal,
  network: Network,
  job: ImportJob,
  options: { settings?: CsvImportSettings; archiveMissing: boolean },
  logger: Logger,
): Promise<void> {
  if (job.kind === 'csv') {
    const preview = await previewCsv(p, network, job.text, options.settings!);
    if (preview.problems.length) throw badRequest([{ field: 'file', key: 'opendata:errors.rowsHaveProblems' }]);
  }
  if (!(await claims.claim(`import-job:${job._id.toString()}:start`, { owner: p.userId ?? 'system' }))) return;
  await ImportJobModel.updateOne(
    { _id: job._id },
    { $set: { status: 'running', settings: options.settings ?? { archiveMissing: options.archiveMissing } } },
  );
  let last = 0;
  // One write to the job at a time: FerretDB 1.x reads, then writes a whole document on update, so a progress write
  // still under way when the run ends would put "running" back over "done".
  let writes: Promise<unknown> = Promise.resolve();
  const onProgress = (done: number, total: number) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && done < total) return;
    last = now;
    writes = writes
      .then(() => ImportJobModel.updateOne({ _id: job._id }, { $set: { done, total } }))
      .catch(() => undefined);
  };
  const finished = (fields: Record<string, unknown>) => writes.then(() => finish(job, fields));
  const run: Promise<ImportReport> =
    job.kind === 'csv'
      ? importCsv(p, network, { text: job.text, fileName: job.fileName }, options.settings!, onProgress)
      : importOsm(p, {
          networkSlug: network.slug,
          text: job.text,
          fileName: job.fileName,
          archiveMissing: options.archiveMissing,
          dryRun: false,
          onProgress,
        });
  void run
    .then((report) =>
      finished({
        status: 'done',
        report,
        done: report.created + report.updated + report.unchanged + report.rejected.length,
      }),
    )
    .catch(async (error: unknown) => {
      logger.error({ err: error, job: job._id.toString() }, 'an import failed');
      await finished({ status: 'failed' }).catch(() => undefined);
    })
    .catch((error: unknown) => logger.error({ err: error, job: job._id.toString() }, 'an import outcome was lost'));
}

/**
 * Writes how a run ended, trying again for a while: the run is done whatever the database says for a moment, and a
 * job left "running" would keep its progress page reloading for ever.
 */
async function finish(job: ImportJob, fields: Record<string, unknown>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await ImportJobModel.updateOne({ _id: job._id }, { $set: fields });
      return;
    } catch (error) {
      if (attempt >= FINISH_ATTEMPTS) throw error;
      await setTimeout(FINISH_RETRY_MS * attempt);
    }
  }
}

/** The network's latest imports, newest first. */
export async function recentJobs(p: Principal, network: Network): Promise<ImportJob[]> {
  assertAllowed(p, mayAdministerNetwork(p, network._id));
  return ImportJobModel.find({ network: network._id })
    .select('-text')
    .sort({ createdAt: -1 })
    .limit(10)
    .lean<ImportJob[]>();
}
