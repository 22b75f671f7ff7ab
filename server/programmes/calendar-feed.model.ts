// A person's private calendar feed of their registrations: one secret URL per account, of which only the hash is
// kept; resetting it replaces the row, so the old URL stops working.
import mongoose, { Schema } from 'mongoose';

const calendarFeedSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true, unique: true },
    tokenHash: { type: String, required: true, unique: true },
  },
  { timestamps: true },
);

export const CalendarFeedModel = mongoose.model('CalendarFeed', calendarFeedSchema);
