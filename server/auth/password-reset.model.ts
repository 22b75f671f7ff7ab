// Password reset links: one row per link sent, holding only the SHA-256 of its token, valid for an hour and once.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const passwordResetSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    tokenHash: { type: String, required: true, unique: true },
    expiresAt: { type: Date, required: true },
    /** Set when the link was used, or when the password changed another way (which voids every open link). */
    usedAt: Date,
  },
  { timestamps: true },
);
passwordResetSchema.index({ user: 1 });
passwordResetSchema.index({ expiresAt: 1 });

export type PasswordReset = InferSchemaType<typeof passwordResetSchema> & { _id: mongoose.Types.ObjectId };

export const PasswordResetModel = mongoose.model('PasswordReset', passwordResetSchema);
