// A person with an account: how they sign in, what they are called, their language, instance-wide roles.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { UI_LANGUAGES } from '../shared/i18n/languages.ts';
import { principalSourcePlugin } from '../shared/principal-cache.ts';

const userSchema = new Schema(
  {
    /** Lower-cased; unique. Replaced by a placeholder when the account is deleted. */
    email: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    preferredLanguage: { type: String, enum: UI_LANGUAGES, default: 'en' },
    passwordHash: String,
    instanceAdmin: { type: Boolean, default: false },
    /** Working-group analyst: reads comparisons across networks. */
    analyst: { type: Boolean, default: false },
    /** Set when the account was deleted; audit entries then show `pseudonym` instead of the name. */
    deletedAt: Date,
    pseudonym: { type: String, required: true },
  },
  { timestamps: true },
);

export type User = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };

// Principals carry what is stored here: a write must not leave one cached.
userSchema.plugin(principalSourcePlugin);
export const UserModel = mongoose.model('User', userSchema);
