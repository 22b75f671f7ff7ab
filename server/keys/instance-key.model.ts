// The instance's own signing keys: Ed25519 pairs kept in the database, one family per purpose.
import mongoose, { Schema } from 'mongoose';

export const KEY_PURPOSES = ['pass', 'request'] as const;
/** `pass`: member passes (JWTs) checked at the door; `request`: signed server-to-server requests between peers. */
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export interface InstanceKeyDoc {
  /** `<purpose>:<generation>`: the unique `_id` makes creating a generation a claim, so two processes starting at once, or
   * two rotations, make one key, not two. */
  _id: string;
  purpose: KeyPurpose;
  generation: number;
  kid: string;
  publicJwk: Record<string, unknown>;
  /** Never served: read only to sign. */
  privateJwk: Record<string, unknown>;
  createdAt: Date;
}

const instanceKeySchema = new Schema<InstanceKeyDoc>(
  {
    _id: { type: String, required: true },
    purpose: { type: String, enum: KEY_PURPOSES, required: true },
    generation: { type: Number, required: true, min: 1 },
    kid: { type: String, required: true },
    publicJwk: { type: Schema.Types.Mixed, required: true },
    privateJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'instance_keys' },
);

export const InstanceKeyModel = mongoose.model<InstanceKeyDoc>('InstanceKey', instanceKeySchema);
