// One item of an RPDE feed: the latest change of one record, numbered. Its `_id` (`<kind>:<n>`) is the claim of the
// change number: of two processes numbering at once, the insert of one fails on the unique `_id` and it takes the
// next number, so numbers never repeat and never go back (a counter's `$inc` is not atomic on FerretDB 1.x).
import mongoose, { Schema } from 'mongoose';
import { changeFeedPlugin } from '../shared/events/change-feed.ts';

export interface FeedItemDoc {
  _id: string;
  kind: string;
  n: number;
  recordId: string;
  at: Date;
}

const feedItemSchema = new Schema<FeedItemDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    n: { type: Number, required: true },
    recordId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
// Every server keeps the feeds' order in memory: it learns of items numbered elsewhere from the change feed.
feedItemSchema.plugin(changeFeedPlugin('feed_items', { keepDocuments: true }));

export const FeedItemModel = mongoose.model<FeedItemDoc>('FeedItem', feedItemSchema, 'feed_items');

export const feedItemId = (kind: string, n: number): string => `${kind}:${n}`;
