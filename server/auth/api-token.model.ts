// Personal API tokens: a manager's or admin's scripts act with that person's rights, sent as a Bearer token.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const apiTokenSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    name: { type: String, required: true },
    /** SHA-256 of the token; the token itself is shown once, at creation. */
    tokenHash: { type: String, required: true, unique: true },
    /** The first characters, so the owner can tell tokens apart. */
    prefix: { type: String, required: true },
    lastUsedAt: Date,
    revokedAt: Date,
  },
  { timestamps: true },
);
apiTokenSchema.index({ user: 1 });

export type ApiToken = InferSchemaType<typeof apiTokenSchema> & { _id: mongoose.Types.ObjectId };

export const ApiTokenModel = mongoose.model('ApiToken', apiTokenSchema);

export const API_TOKEN_PREFIX = 'psl_';
