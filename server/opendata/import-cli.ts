// `npm run import -- osm FILE --network SLUG [--archive-missing] [--dry-run]`: imports a file as the system, with a
// progress bar on the terminal and the final report (also kept in the audit log).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.ts';
import { AppError } from '../shared/errors/app-error.ts';
import { connectDatabase, disconnectDatabase } from '../shared/db/connection.ts';
import { launchAppDatabase } from '../shared/db/launcher.ts';
import { initI18n, translator } from '../shared/i18n/i18n.ts';
import { createLogger } from '../shared/logging/logger.ts';
import { SYSTEM } from '../shared/principal.ts';
import { formatReport, progressBar } from './import-cli-output.ts';
import { importOsm } from './osm/osm-import.service.ts';

const USAGE = 'usage: npm run import -- osm FILE --network SLUG [--archive-missing] [--dry-run]';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    network: { type: 'string' },
    'archive-missing': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
  },
});
const [format, file] = positionals;
if (format !== 'osm' || !file || !values.network) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfig();
const logger = createLogger('warn');
await initI18n();
const t = translator('en');
const text = await readFile(file, 'utf8');
const database = await launchAppDatabase(config, logger);
try {
  await connectDatabase(database.uri);
  const report = await importOsm(SYSTEM, {
    networkSlug: values.network,
    text,
    fileName: path.basename(file),
    archiveMissing: values['archive-missing'],
    dryRun: values['dry-run'],
    onProgress: (done, total) => process.stderr.write(progressBar(done, total)),
  });
  process.stderr.write('\n');
  console.log(formatReport(report, t));
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  const details = error.details.map((d) => t(d.key)).join('\n');
  console.error(details || t(error.key.includes(':') ? error.key : `errors:${error.key}`));
  process.exitCode = 1;
} finally {
  await disconnectDatabase();
  await database.stop();
}
