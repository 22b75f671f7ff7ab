// Audit: what other domains may use (recording, and a person's entries for their account). Routes are mounted by app.ts.
export type { AuditEntry } from './audit.model.ts';
export {
  recordAudit,
  auditedWrite,
  changedFields,
  auditEntriesByActor,
  forgetPersonInAudit,
  type AuditEvent,
} from './audit.service.ts';
