// A network admin's import pages: upload a CSV or an Overpass file, map and preview (a dry run), import, and follow
// the progress to the report. Every page works without JavaScript (the progress page reloads itself).
import type { Request, Response } from 'express';
import type { Logger } from '../shared/logging/logger.ts';
import { AppError } from '../shared/errors/app-error.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { readMultipart } from '../shared/http/multipart.ts';
import { parseInput } from '../shared/http/validate.ts';
import { LOCATION_TYPES } from '../locations/index.ts';
import type { Network } from '../networks/index.ts';
import type { CsvImportSettings } from './csv/csv-import.service.ts';
import { readCsvTable } from './csv/csv-file.ts';
import { MAPPED_FIELDS } from './csv/csv-mapping.ts';
import type { ImportJob } from './import-job.model.ts';
import {
  administeredNetwork,
  initialSettings,
  loadJob,
  previewJob,
  previewOsmJob,
  recentJobs,
  startJob,
  uploadImport,
  UPLOAD_LIMIT_BYTES,
} from './import-job.service.ts';
import { jobParams, networkParams, settingsSchema, uploadKind } from './import.schemas.ts';

const importPath = (network: Network) => `/networks/${network.slug}/admin/import`;
const jobPath = (network: Network, job: Pick<ImportJob, '_id'>) => `${importPath(network)}/${job._id.toString()}`;

async function networkOf(req: Request): Promise<Network> {
  const { slug } = parseInput(networkParams, req.params);
  return administeredNetwork(req.principal, slug);
}

async function renderUploadPage(req: Request, res: Response, network: Network, status = 200, errors = NO_ERRORS) {
  res.status(status).render('opendata/import', {
    network,
    jobs: await recentJobs(req.principal, network),
    jobPath: (job: ImportJob) => jobPath(network, job),
    errors,
    limitMegabytes: UPLOAD_LIMIT_BYTES / 1024 / 1024,
  });
}

/** The settings as the form sent them, or undefined on a first view; refused settings throw with their details. */
function settingsFrom(req: Request, job: ImportJob) {
  const table = readCsvTable(Buffer.from(job.text, 'utf8'));
  return parseInput(settingsSchema(table.headers.length), req.body);
}

async function renderCsvPreview(
  req: Request,
  res: Response,
  network: Network,
  job: ImportJob,
  settings: CsvImportSettings,
  status = 200,
  errors: FormErrors = NO_ERRORS,
) {
  const preview = await previewJob(req.principal, network, job, settings);
  res.status(status).render('opendata/csv-preview', {
    network,
    job,
    settings,
    preview,
    fields: MAPPED_FIELDS,
    types: LOCATION_TYPES,
    action: jobPath(network, job),
    errors,
  });
}

export function importController(logger: Logger) {
  return {
    page: async (req: Request, res: Response) => renderUploadPage(req, res, await networkOf(req)),

    upload: async (req: Request, res: Response) => {
      let network: Network;
      try {
        // Who may is settled before the upload is read.
        network = await networkOf(req);
      } catch (error) {
        req.resume();
        throw error;
      }
      const form = await readMultipart(req, { fileBytes: UPLOAD_LIMIT_BYTES });
      await submitForm(
        req,
        async () => {
          const kind = parseInput(uploadKind, form.fields.kind);
          const job = await uploadImport(req.principal, network, {
            kind,
            fileName: form.file?.name ?? 'upload',
            bytes: form.file?.bytes,
            truncated: form.file?.truncated ?? false,
          });
          res.redirect(303, jobPath(network, job));
        },
        (status, errors) => renderUploadPage(req, res, network, status, errors),
      );
    },

    job: async (req: Request, res: Response) => {
      const { slug, jobId } = parseInput(jobParams, req.params);
      const network = await administeredNetwork(req.principal, slug);
      const job = await loadJob(req.principal, network, jobId);
      if (job.status !== 'uploaded') {
        res.render('opendata/progress', { network, job, importPath: importPath(network) });
        return;
      }
      if (job.kind === 'csv') {
        await renderCsvPreview(req, res, network, job, initialSettings(job, network));
        return;
      }
      const report = await previewOsmJob(req.principal, network, job, false);
      res.render('opendata/osm-preview', { network, job, report, action: jobPath(network, job), errors: NO_ERRORS });
    },

    submit: async (req: Request, res: Response) => {
      const { slug, jobId } = parseInput(jobParams, req.params);
      const network = await administeredNetwork(req.principal, slug);
      const job = await loadJob(req.principal, network, jobId);
      if (job.status !== 'uploaded') {
        res.redirect(303, jobPath(network, job));
        return;
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (job.kind === 'osm') {
        await startJob(req.principal, network, job, { archiveMissing: body.archiveMissing === 'on' }, logger);
        res.redirect(303, jobPath(network, job));
        return;
      }
      let settings: ReturnType<typeof settingsFrom>;
      try {
        settings = settingsFrom(req, job);
      } catch (error) {
        if (!(error instanceof AppError) || !error.details.length) throw error;
        // The page again with the mapping it had, and what was wrong with the form.
        return submitForm(
          req,
          () => Promise.reject(error),
          (status, errors) => renderCsvPreview(req, res, network, job, initialSettings(job, network), status, errors),
        );
      }
      if (settings.action === 'preview') {
        await renderCsvPreview(req, res, network, job, settings);
        return;
      }
      await submitForm(
        req,
        async () => {
          await startJob(req.principal, network, job, { settings, archiveMissing: settings.archiveMissing }, logger);
          res.redirect(303, jobPath(network, job));
        },
        (status, errors) => renderCsvPreview(req, res, network, job, settings, status, errors),
      );
    },
  };
}
