// What the import command writes on the terminal: a progress bar while it runs, then the report. Pure.
import type { TFunction } from 'i18next';
import type { ImportReport } from './import-report.ts';

const WIDTH = 30;

/** One line that redraws itself (`\r`): `[#########.........] 312/1000`. */
export function progressBar(done: number, total: number): string {
  const filled = total ? Math.round((done / total) * WIDTH) : WIDTH;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}`;
}

export function formatReport(report: ImportReport, t: TFunction): string {
  const lines = [
    t('opendata:report.title', { source: report.source, file: report.file }),
    ...(report.dryRun ? [t('opendata:report.dryRun')] : []),
    `  ${t('opendata:report.created', { count: report.created })}`,
    `  ${t('opendata:report.updated', { count: report.updated })}`,
    `  ${t('opendata:report.unchanged', { count: report.unchanged })}`,
    `  ${t('opendata:report.archived', { count: report.archived })}`,
    `  ${t('opendata:report.rejected', { count: report.rejected.length })}`,
  ];
  for (const r of report.rejected) {
    const reasons = r.reasons.map((reason) =>
      reason === 'invalidField'
        ? t('opendata:reason.invalidField', { fields: r.fields.join(', ') })
        : t(`opendata:reason.${reason}`),
    );
    lines.push(`    ${r.position !== undefined ? `#${r.position} ` : ''}${r.recordId}: ${reasons.join('; ')}`);
  }
  return lines.join('\n');
}
