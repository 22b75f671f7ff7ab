// The local outbox: where mail goes when no SMTP server is configured (development, tests); admins read it.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const outboxSchema = new Schema(
  {
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    sentAt: { type: Date, required: true },
  },
  { versionKey: false },
);
outboxSchema.index({ sentAt: -1 });

export type OutboxMail = InferSchemaType<typeof outboxSchema> & { _id: mongoose.Types.ObjectId };

export const OutboxModel = mongoose.model('OutboxMail', outboxSchema);
