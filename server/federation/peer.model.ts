// A peer: another Passerelle instance, added by an instance admin from its descriptor, trusted once approved.
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

export const PEER_STATUSES = ['pending', 'approved', 'suspended'] as const;
export type PeerStatus = (typeof PEER_STATUSES)[number];

/** How pulling a peer's feeds goes: shown to admins, and used to back off. */
export const PEER_HEALTH = ['unknown', 'ok', 'failing', 'stale'] as const;
export type PeerHealthState = (typeof PEER_HEALTH)[number];

const peerSchema = new Schema(
  {
    /** The peer's origin and path, without a trailing slash: what every URL of its feeds must start with. */
    baseUrl: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    softwareName: { type: String, required: true },
    softwareVersion: { type: String, required: true },
    protocolVersion: { type: Number, required: true },
    feeds: { type: Map, of: String, default: {} },
    jwksUrl: { type: String, required: true },
    languages: { type: [String], default: [] },
    licence: String,
    /** The peer's public keys as read from its JWKS, kept so its signatures verify while it is offline. */
    keys: {
      type: [{ _id: false, kid: String, jwk: Schema.Types.Mixed, fingerprint: String }],
      default: [],
    },
    keysReadAt: Date,
    status: { type: String, enum: PEER_STATUSES, default: 'pending', required: true },
    decidedAt: Date,
    /** Whether the peer accepted our last signed request: both sides have approved when this is true. */
    approvesUs: { type: Boolean, default: false },
    health: {
      state: { type: String, enum: PEER_HEALTH, default: 'unknown' },
      lastSuccessAt: Date,
      lastErrorAt: Date,
      /** A short code (`timeout`, `invalid-page`…), never the peer's own text. */
      lastError: String,
      failures: { type: Number, default: 0 },
      nextPullAt: Date,
    },
    /** Where following stopped, per feed kind: the next URL to read. */
    cursors: { type: Map, of: String, default: {} },
  },
  { timestamps: true, versionKey: false },
);

type Stored = InferSchemaType<typeof peerSchema>;
export type Peer = Omit<Stored, 'feeds' | 'cursors' | 'keys' | 'health'> & {
  _id: Types.ObjectId;
  feeds: Record<string, string>;
  cursors: Record<string, string>;
  keys: { kid: string; jwk: Record<string, unknown>; fingerprint: string }[];
  health: NonNullable<Stored['health']>;
  status: PeerStatus;
};

export const PeerModel = mongoose.model('Peer', peerSchema);
