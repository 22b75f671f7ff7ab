// The usage log: one entry per booking, cancellation, approval, check-in, walk-in and no-show. Append-only, and with
// no person in it (no user id, no name, no pass subject), so it outlives deleted accounts as anonymous counts; read
// models of usage follow it through the change feed.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { DAY_PARTS, TARIFF_CATEGORIES } from '../locations/index.ts';
import { changeFeedPlugin } from '../shared/events/change-feed.ts';
import { USAGE_KINDS } from './usage-kinds.ts';

const usageEventSchema = new Schema(
  {
    kind: { type: String, enum: USAGE_KINDS, required: true },
    location: { type: Schema.Types.ObjectId, ref: 'Location', required: true },
    /** The day at the location, in its time zone ("2026-12-07"). */
    date: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    dayPart: { type: String, enum: Object.keys(DAY_PARTS), required: true },
    /** The visitor's own network. */
    homeNetwork: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    tariffCategory: { type: String, enum: TARIFF_CATEGORIES, required: true },
    /** The agreement between the two networks that applied, when one did. */
    agreement: { type: Schema.Types.ObjectId },
    /** The booking a check-in, cancellation, approval or no-show belongs to; none for a walk-in. */
    booking: { type: Schema.Types.ObjectId },
    /** The price that applied for the day-part; absent when the place set none for that category. */
    price: { type: { _id: false, amount: { type: Number, min: 0 }, currency: String }, required: false },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'usage_events' },
);

export type UsageEvent = InferSchemaType<typeof usageEventSchema> & { _id: mongoose.Types.ObjectId };

usageEventSchema.plugin(changeFeedPlugin('usage_events', { keepDocuments: true }));
export const UsageEventModel = mongoose.model('UsageEvent', usageEventSchema);
