// A member pass as issued: its short typed code is the `_id`, so issuing a code is a claim (two passes never share
// one), and a check-in by code reads one document by `_id`.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const memberPassSchema = new Schema(
  {
    /** The short code a manager may type instead of scanning (see `pass-code.ts`). */
    _id: { type: String, required: true },
    /** The signed pass (a compact JWT): what the QR code holds. */
    token: { type: String, required: true },
    /** Whose pass this is, so /me/pass finds it again and deleting the account removes it. Never in the token. */
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    membership: { type: Schema.Types.ObjectId, ref: 'Membership', required: true },
    /** What the token says, kept to tell when a new pass is due (the category changed, the key rotated). */
    subject: { type: String, required: true },
    category: { type: String, required: true },
    kid: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false }, collection: 'member_passes' },
);

export type MemberPass = InferSchemaType<typeof memberPassSchema> & { _id: string; createdAt: Date };

export const MemberPassModel = mongoose.model('MemberPass', memberPassSchema);
