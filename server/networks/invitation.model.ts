// An invitation link to join a network, possibly as network admin or as manager of named locations.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { MEMBERSHIP_CATEGORIES } from './membership.model.ts';

const invitationSchema = new Schema(
  {
    network: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    /** SHA-256 of the secret in the link; the secret itself is shown once. */
    tokenHash: { type: String, required: true, unique: true },
    /** Optional: the address the link was sent to. */
    email: String,
    category: { type: String, enum: MEMBERSHIP_CATEGORIES, default: 'member' },
    networkAdmin: { type: Boolean, default: false },
    managedLocations: { type: [{ type: Schema.Types.ObjectId, ref: 'Location' }], default: [] },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    expiresAt: { type: Date, required: true },
    usedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    usedAt: Date,
    revokedAt: Date,
  },
  { timestamps: true },
);
invitationSchema.index({ network: 1 });

export type Invitation = InferSchemaType<typeof invitationSchema> & { _id: mongoose.Types.ObjectId };

export const InvitationModel = mongoose.model('Invitation', invitationSchema);
