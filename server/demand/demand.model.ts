// A person's "I would work here": at a place, or at a point where no place exists yet. One per person and place: the
// `_id` names both, so saying it twice at once stores one.
import mongoose, { Schema, type Types } from 'mongoose';
import { changeFeedPlugin } from '../shared/events/change-feed.ts';
import { FREQUENCIES, INTEREST_DAY_PARTS, type Frequency, type InterestDayPart } from './demand.vocabulary.ts';

export interface DemandSignal {
  /** `<userId>/<place>` */
  _id: string;
  user: Types.ObjectId;
  /** `location:<id>` or `point:<lat>,<lng>` (a cell's centre). */
  place: string;
  location?: Types.ObjectId;
  /** The place's network, for who may count it. */
  network?: Types.ObjectId;
  lat: number;
  lng: number;
  dayParts: InterestDayPart[];
  frequency: Frequency;
  createdAt: Date;
  updatedAt: Date;
}

const demandSignalSchema = new Schema<DemandSignal>(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    place: { type: String, required: true },
    location: { type: Schema.Types.ObjectId, ref: 'Location' },
    network: { type: Schema.Types.ObjectId, ref: 'Network' },
    lat: { type: Number, required: true, min: -90, max: 90 },
    lng: { type: Number, required: true, min: -180, max: 180 },
    dayParts: { type: [{ type: String, enum: INTEREST_DAY_PARTS }], required: true },
    frequency: { type: String, enum: FREQUENCIES, required: true },
  },
  { timestamps: true, versionKey: false, collection: 'demand_signals' },
);
// Every server counts signals in memory (demand-totals.ts), following this feed.
demandSignalSchema.plugin(changeFeedPlugin('demand_signals'));

export const DemandSignalModel = mongoose.model<DemandSignal>('DemandSignal', demandSignalSchema);
