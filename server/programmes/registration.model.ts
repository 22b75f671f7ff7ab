// A registration for one occurrence of an event: a member's (by account) or a visitor's (by e-mail, confirmed by a
// secret link of which only the hash is kept). A seat is held as a claim by unique key; `seat` says which.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { REGISTRATION_STATUSES } from './event.vocabulary.ts';

const registrationSchema = new Schema(
  {
    event: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    /** The occurrence's key: its original start in UTC. */
    occurrence: { type: String, required: true },
    occurrenceStart: { type: Date, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User' },
    email: { type: String, required: true },
    name: { type: String, required: true },
    /** The language mails to this person are written in. */
    language: { type: String, required: true },
    status: { type: String, enum: REGISTRATION_STATUSES, required: true },
    seat: Number,
    /** The link to confirm (a visitor) or cancel (anyone) from a mail: the SHA-256 of its secret. */
    tokenHash: { type: String, required: true, unique: true },
    confirmedAt: Date,
    cancelledAt: Date,
  },
  { timestamps: true },
);
registrationSchema.index({ event: 1, occurrence: 1 });
registrationSchema.index({ user: 1 });

export type Registration = InferSchemaType<typeof registrationSchema> & {
  _id: mongoose.Types.ObjectId;
  createdAt: Date;
};

export const RegistrationModel = mongoose.model('Registration', registrationSchema);
