// An import's outcome: counts and rejected records with their reasons, kept in the audit log.
import { recordAudit } from '../audit/index.ts';
import type { RejectedRecord, SyncReport } from '../locations/index.ts';
import type { Principal } from '../shared/principal.ts';

export interface ImportReport extends SyncReport {
  source: string;
  /** What the file was called, as given. */
  file: string;
  dryRun: boolean;
}

/** How many rejected records the audit entry names one by one; the count is always whole. */
const REJECTED_IN_AUDIT = 500;

export function withRejected(report: SyncReport, rejected: RejectedRecord[]): SyncReport {
  const all = [...rejected, ...report.rejected].sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  return { ...report, rejected: all };
}

/** Records the final report as one audit entry on the network. */
export async function auditImportReport(
  p: Principal,
  network: { _id: { toString(): string } },
  report: ImportReport,
): Promise<void> {
  await recordAudit(p, {
    action: 'import.report',
    entityType: 'network',
    entityId: network._id.toString(),
    networkId: network._id,
    before: {},
    after: {
      source: report.source,
      file: report.file,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      archived: report.archived,
      rejectedCount: report.rejected.length,
      rejected: report.rejected.slice(0, REJECTED_IN_AUDIT).map((r) => ({
        record: r.recordId,
        ...(r.position !== undefined ? { position: r.position } : {}),
        reasons: r.reasons,
        fields: r.fields,
      })),
    },
  });
}
