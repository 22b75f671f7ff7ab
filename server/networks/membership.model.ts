// A person's membership of a network: asked for or invited, approved by a network admin, with a category and roles.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { principalSourcePlugin } from '../shared/principal-cache.ts';
import { MEMBERSHIP_CATEGORIES } from './membership.vocabulary.ts';

export { MEMBERSHIP_CATEGORIES };
/** `revoked`: ended by a network admin; its passes are refused at the next check-in, and the person may ask again. */
export const MEMBERSHIP_STATUSES = ['pending', 'active', 'rejected', 'revoked'] as const;

const membershipSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    network: { type: Schema.Types.ObjectId, ref: 'Network', required: true },
    status: { type: String, enum: MEMBERSHIP_STATUSES, default: 'pending', required: true },
    /** The member number the person gave when asking to join, for the admin to check. */
    memberNumber: String,
    /** Set by a network admin (never by the member): which tariff category prices apply to them. */
    category: { type: String, enum: MEMBERSHIP_CATEGORIES, default: 'member', required: true },
    /**
     * The last day (`YYYY-MM-DD`) the category holds, when it ends (a social programme's term): from the day after,
     * the person counts as a plain member.
     */
    categoryUntil: { type: String, match: /^\d{4}-\d{2}-\d{2}$/ },
    networkAdmin: { type: Boolean, default: false },
    managedLocations: { type: [{ type: Schema.Types.ObjectId, ref: 'Location' }], default: [] },
    /** When the person last asked: names the request a decision claims (see `decideRequest`). */
    requestedAt: Date,
    decidedBy: { type: Schema.Types.ObjectId, ref: 'User' },
    decidedAt: Date,
    /**
     * Who the member passes of this membership name: a random id, never the user's, made when a pass is first asked
     * for and unset on revocation, so passes made before are refused (see `pass-subject.service.ts`).
     */
    passSubject: String,
  },
  { timestamps: true },
);
membershipSchema.index({ user: 1, network: 1 }, { unique: true });
membershipSchema.index({ network: 1, status: 1 });

export type Membership = InferSchemaType<typeof membershipSchema> & { _id: mongoose.Types.ObjectId };

// Principals carry what is stored here: a write must not leave one cached.
membershipSchema.plugin(principalSourcePlugin);
export const MembershipModel = mongoose.model('Membership', membershipSchema);
