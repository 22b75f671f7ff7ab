// Audit: what other domains may use.
export { AuditModel, type AuditEntry } from './audit.model.js';
export { recordAudit, changedFields, type AuditEvent } from './audit.service.js';
export { auditRoutes } from './audit.routes.js';
export { auditReadFilter, networkAuditFilter } from './audit.policy.js';
