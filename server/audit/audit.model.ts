// The audit log: who changed what, when, with the fields before and after.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    /** The user who acted; kept after account deletion, shown then by their pseudonym. */
    actor: { type: Schema.Types.ObjectId, ref: 'User' },
    actorKind: { type: String, enum: ['user', 'system'], required: true },
    via: { type: String, enum: ['session', 'token', 'none'], required: true },
    /** e.g. `location.create`, `location.update`, `membership.approve`. */
    action: { type: String, required: true },
    entityType: { type: String, required: true },
    entityId: { type: String, required: true },
    /** The network the change belongs to, so its admins can read it. */
    network: { type: Schema.Types.ObjectId, ref: 'Network' },
    before: { type: Schema.Types.Mixed },
    after: { type: Schema.Types.Mixed },
  },
  { versionKey: false },
);
auditSchema.index({ network: 1, at: -1 });
auditSchema.index({ at: -1 });
auditSchema.index({ actor: 1 });

export type AuditEntry = InferSchemaType<typeof auditSchema> & { _id: mongoose.Types.ObjectId };

export const AuditModel = mongoose.model('AuditEntry', auditSchema);
