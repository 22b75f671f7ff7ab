// A location: one third place, with multilingual text, its model, address, hours, facilities and source.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { languageMapField, type LanguageMap } from '../shared/db/language-map.ts';
import { changeFeedPlugin } from '../shared/events/change-feed.ts';
import {
  FACILITIES,
  GOVERNANCES,
  LOCATION_TYPES,
  OPENNESS,
  SPACE_KINDS,
  STATUSES,
  TARIFF_CATEGORIES,
  DAY_PART_NAMES,
  WEEKDAYS,
} from './location.vocabulary.ts';
import { isTimeZone } from '../shared/i18n/time-zones.ts';

const locationSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    /** The language the record was written in; the fallback before English. */
    language: { type: String, required: true },
    name: languageMapField(true),
    description: languageMapField(false),
    type: { type: String, enum: LOCATION_TYPES, required: true },
    model: {
      governance: { type: String, enum: GOVERNANCES, required: true },
      openness: { type: String, enum: OPENNESS, required: true },
      spaceKind: { type: String, enum: SPACE_KINDS, required: true },
    },
    address: {
      street: String,
      postcode: String,
      locality: { type: String, required: true },
      region: String,
      countryCode: { type: String, required: true, match: /^[A-Z]{2}$/ },
    },
    coordinates: {
      lat: { type: Number, required: true, min: -90, max: 90 },
      lng: { type: Number, required: true, min: -180, max: 180 },
      /** True when only the locality's centre is known. */
      approximate: { type: Boolean, default: false },
    },
    openingHours: String,
    timeZone: { type: String, required: true, validate: isTimeZone },
    facilities: { type: [{ type: String, enum: FACILITIES }], default: [] },
    wifiMbps: { type: Number, min: 0 },
    capacity: { desks: { type: Number, min: 0 } },
    contact: { website: String, email: String, phone: String },
    tariffs: {
      type: [
        {
          _id: false,
          category: { type: String, enum: TARIFF_CATEGORIES, required: true },
          amount: { type: Number, min: 0, required: true },
          currency: { type: String, match: /^[A-Z]{3}$/, required: true },
          per: { type: String, enum: ['day-part'], default: 'day-part' },
          /** The day-part this price is for; absent, it is the price of every offered day-part without its own. */
          dayPart: { type: String, enum: DAY_PART_NAMES },
        },
      ],
      default: [],
    },
    /**
     * The day-parts this place offers, with their wall-clock hours in its time zone. `days` absent: the days its
     * opening hours open during those hours (every day without opening hours). None offered: nothing can be priced.
     */
    /** Set by the demo seed: its day-parts and prices are invented, and the place page says so. */
    examplePrices: Boolean,
    dayParts: {
      type: [
        {
          _id: false,
          part: { type: String, enum: DAY_PART_NAMES, required: true },
          from: { type: String, match: /^([01]\d|2[0-3]):[0-5]\d$/, required: true },
          to: { type: String, match: /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, required: true },
          days: { type: [{ type: String, enum: WEEKDAYS }], default: undefined },
        },
      ],
      default: [],
    },
    /**
     * Up to 8 photos, the first shown in the directory. Kept on the location rather than in a collection of their own:
     * the place page and the directory read the location anyway, and FerretDB 1.x would scan such a collection on
     * every lookup.
     */
    photos: {
      type: [
        {
          _id: false,
          /** A hash of the upload and the location: the files' names, so their addresses can be cached for ever. */
          id: { type: String, required: true, match: /^[0-9a-f]{32}$/ },
          width: { type: Number, required: true },
          height: { type: Number, required: true },
          widths: { type: [Number], required: true },
          alt: languageMapField(false),
        },
      ],
      default: [],
    },
    status: { type: String, enum: STATUSES, default: 'draft', required: true },
    network: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    /**
     * Set on a listing followed from a peer: only the follower writes it (the editor and the API refuse), and only the
     * peer's feed may change or delete it. Absent on this instance's own listings.
     */
    origin: {
      type: {
        _id: false,
        peer: { type: Schema.Types.ObjectId, required: true },
        remoteId: { type: String, required: true },
        url: String,
        /** Since when the peer has not been reached: its listing is shown as not confirmed. */
        staleSince: Date,
      },
      default: undefined,
    },
    source: {
      name: { type: String, required: true },
      url: String,
      recordId: String,
      licence: String,
      attribution: String,
    },
  },
  { timestamps: true },
);
locationSchema.index({ network: 1 });
// The directory of every server applies an edited location from the feed instead of reading it back.
locationSchema.plugin(changeFeedPlugin('locations', { keepDocuments: true }));

type Stored = InferSchemaType<typeof locationSchema>;

export interface LocationPhoto {
  id: string;
  width: number;
  height: number;
  widths: number[];
  alt: LanguageMap;
}

/** A stored location; nested groups with required fields are always present (mongoose types them as optional). */
export type Location = Omit<Stored, 'name' | 'description' | 'model' | 'address' | 'coordinates' | 'photos'> & {
  _id: mongoose.Types.ObjectId;
  model: NonNullable<Stored['model']>;
  address: NonNullable<Stored['address']>;
  coordinates: NonNullable<Stored['coordinates']>;
  name: LanguageMap;
  description: LanguageMap;
  /** Absent on documents stored before photos existed, when read lean. */
  photos?: LocationPhoto[];
};

export const LocationModel = mongoose.model('Location', locationSchema);
