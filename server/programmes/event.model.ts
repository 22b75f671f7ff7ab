// An event of a programme: at a location (or network-wide), multilingual, possibly recurring, with capacity,
// audience, prices per tariff category and registration. Times are wall times in the event's zone.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { languageMapField, type LanguageMap } from '../shared/db/language-map.ts';
import { changeFeedPlugin } from '../shared/events/change-feed.ts';
import { TARIFF_CATEGORIES } from '../locations/index.ts';
import { AUDIENCES, EVENT_CATEGORIES, EVENT_STATUSES } from './event.vocabulary.ts';
import { isTimeZone } from '../shared/i18n/time-zones.ts';
import { WALL_TIME } from './zoned-time.ts';
import type { OccurrenceOverride } from './recurrence.ts';

const eventSchema = new Schema(
  {
    /** The network that runs it: the location's, or the one a network-wide event belongs to. */
    network: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    /** Absent for a network-wide event. */
    location: { type: Schema.Types.ObjectId, ref: 'Location' },
    language: { type: String, required: true },
    title: languageMapField(true),
    description: languageMapField(false),
    category: { type: String, enum: EVENT_CATEGORIES, required: true },
    start: { type: String, required: true, match: WALL_TIME },
    end: { type: String, required: true, match: WALL_TIME },
    timeZone: { type: String, required: true, validate: isTimeZone },
    rrule: { type: String },
    /** Occurrence keys (original start in UTC) that do not take place. */
    exdates: { type: [String], default: [] },
    overrides: {
      type: [
        {
          _id: false,
          occurrence: { type: String, required: true },
          start: { type: String, match: WALL_TIME },
          end: { type: String, match: WALL_TIME },
          cancelled: Boolean,
        },
      ],
      default: [],
    },
    /** Seats per occurrence; absent means no limit. */
    capacity: { type: Number, min: 1 },
    audience: {
      kind: { type: String, enum: AUDIENCES, required: true, default: 'open' },
      networks: { type: [{ type: Schema.Types.ObjectId, ref: 'Network' }], default: [] },
    },
    prices: {
      type: [
        {
          _id: false,
          category: { type: String, enum: TARIFF_CATEGORIES, required: true },
          amount: { type: Number, min: 0, required: true },
          currency: { type: String, match: /^[A-Z]{3}$/, required: true },
        },
      ],
      default: [],
    },
    registrationRequired: { type: Boolean, default: false },
    status: { type: String, enum: EVENT_STATUSES, default: 'draft', required: true },
    /** Generated demo data, shown as example data. */
    example: { type: Boolean, default: false },
  },
  { timestamps: true },
);
// The agenda of every server applies an edited event from the feed instead of reading it back.
eventSchema.plugin(changeFeedPlugin('events', { keepDocuments: true }));

type Stored = InferSchemaType<typeof eventSchema>;

export type EventRecord = Omit<Stored, 'title' | 'description' | 'audience' | 'overrides' | 'rrule'> & {
  _id: mongoose.Types.ObjectId;
  title: LanguageMap;
  description: LanguageMap;
  rrule?: string | null;
  audience: { kind: 'open' | 'members'; networks: mongoose.Types.ObjectId[] };
  overrides: OccurrenceOverride[];
};

export const EventModel = mongoose.model('Event', eventSchema);
