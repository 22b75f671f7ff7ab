// An agreement between two networks: every version of its terms, and who did what and when, kept on one document.
import mongoose, { Schema, type Types } from 'mongoose';
import { MEMBERSHIP_CATEGORIES } from '../networks/index.ts';
import { ACCESS_LEVELS, AGREEMENT_STATUSES } from './grant-terms.ts';

export const AGREEMENT_ACTIONS = ['propose', 'counter', 'accept', 'decline', 'suspend', 'resume', 'end'] as const;
export type AgreementAction = (typeof AGREEMENT_ACTIONS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** One direction: what the host network grants the guest network's members. */
const directionSchema = new Schema(
  {
    host: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    guest: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    categories: { type: [{ type: String, enum: MEMBERSHIP_CATEGORIES }], required: true },
    level: { type: String, enum: ACCESS_LEVELS, required: true },
    discountPercent: { type: Number, min: 1, max: 100 },
    monthlyQuota: { type: Number, min: 0 },
    bookingRequired: { type: Boolean, default: false },
    noticeHours: { type: Number, min: 0 },
    hostApproves: { type: Boolean, default: false },
    allLocations: { type: Boolean, default: true },
    locations: { type: [{ type: Schema.Types.ObjectId, ref: 'Location' }], default: [] },
    guestCap: { type: Number, min: 1 },
    validFrom: { type: String, match: DAY, required: true },
    validUntil: { type: String, match: DAY },
  },
  { _id: false },
);

const versionSchema = new Schema(
  {
    number: { type: Number, required: true },
    /** The network whose admin wrote these terms (the proposer, or the other side when countering). */
    proposedBy: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    /** Absent for the demo's example agreement, which nobody proposed. */
    by: { type: Schema.Types.ObjectId, ref: 'User' },
    at: { type: Date, required: true },
    directions: { type: [directionSchema], default: [] },
    note: String,
  },
  { _id: false },
);

const eventSchema = new Schema(
  {
    action: { type: String, enum: AGREEMENT_ACTIONS, required: true },
    network: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    /** Absent for the demo's example agreement, which nobody proposed. */
    by: { type: Schema.Types.ObjectId, ref: 'User' },
    at: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { _id: false },
);

const agreementSchema = new Schema(
  {
    /** The two networks, in the order they came: the one that proposed first, and the other. */
    networks: { type: [{ type: Schema.Types.ObjectId, ref: 'Network' }], required: true },
    status: { type: String, enum: AGREEMENT_STATUSES, required: true, default: 'proposed' },
    /** While proposed: the network whose admin must answer the latest version. */
    awaiting: { type: Schema.Types.ObjectId, ref: 'Network' },
    /** The version in force once accepted (kept while suspended). */
    acceptedVersion: Number,
    versions: { type: [versionSchema], default: [] },
    history: { type: [eventSchema], default: [] },
    /** Seeded by the demo: shown as example data. */
    example: Boolean,
  },
  { timestamps: true },
);
agreementSchema.index({ networks: 1 });
agreementSchema.index({ status: 1 });

export interface StoredDirection {
  host: Types.ObjectId;
  guest: Types.ObjectId;
  categories: (typeof MEMBERSHIP_CATEGORIES)[number][];
  level: (typeof ACCESS_LEVELS)[number];
  discountPercent?: number | null;
  monthlyQuota?: number | null;
  bookingRequired: boolean;
  noticeHours?: number | null;
  hostApproves: boolean;
  allLocations: boolean;
  locations: Types.ObjectId[];
  guestCap?: number | null;
  validFrom: string;
  validUntil?: string | null;
}

export interface AgreementVersion {
  number: number;
  proposedBy: Types.ObjectId;
  by?: Types.ObjectId | null;
  at: Date;
  directions: StoredDirection[];
  note?: string | null;
}

export interface AgreementEvent {
  action: AgreementAction;
  network: Types.ObjectId;
  by?: Types.ObjectId | null;
  at: Date;
  version: number;
}

export interface Agreement {
  _id: Types.ObjectId;
  networks: Types.ObjectId[];
  status: (typeof AGREEMENT_STATUSES)[number];
  awaiting?: Types.ObjectId | null;
  acceptedVersion?: number | null;
  versions: AgreementVersion[];
  history: AgreementEvent[];
  example?: boolean | null;
  createdAt: Date;
  updatedAt: Date;
}

export const AgreementModel = mongoose.model('Agreement', agreementSchema);
