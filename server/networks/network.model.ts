// A network: a cooperative or association whose members and locations Passerelle lists.
import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { languageMapField, type LanguageMap } from '../shared/db/language-map.ts';
import { changeFeedPlugin } from '../shared/events/change-feed.ts';
import { principalSourcePlugin } from '../shared/principal-cache.ts';

const networkSchema = new Schema(
  {
    slug: { type: String, required: true, unique: true },
    language: { type: String, required: true },
    name: languageMapField(true),
    description: languageMapField(false),
    countryCode: { type: String, match: /^[A-Z]{2}$/ },
    website: String,
    logoUrl: String,
    /** Set on a network followed from a peer (its listings' operator there): written by the follower only. */
    origin: {
      type: {
        _id: false,
        peer: { type: Schema.Types.ObjectId, required: true },
        remoteId: { type: String, required: true },
        url: String,
        /** The peer's name, shown as "listed by". */
        peerName: String,
      },
      default: undefined,
    },
  },
  { timestamps: true },
);

networkSchema.plugin(changeFeedPlugin('networks'));
// Principals carry their networks' slugs: a write here must not leave one cached.
networkSchema.plugin(principalSourcePlugin);

export type Network = Omit<InferSchemaType<typeof networkSchema>, 'name' | 'description'> & {
  _id: mongoose.Types.ObjectId;
  name: LanguageMap;
  description: LanguageMap;
};

export const NetworkModel = mongoose.model('Network', networkSchema);
