// Tombstones: a record that a document was deleted, so change-cursor followers can drop it too.
import mongoose, { Schema } from 'mongoose';

export interface Tombstone {
  collectionName: string;
  documentId: string;
  deletedAt: Date;
}

const tombstoneSchema = new Schema<Tombstone>(
  {
    collectionName: { type: String, required: true },
    documentId: { type: String, required: true },
    deletedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
tombstoneSchema.index({ collectionName: 1, deletedAt: 1 });

export const TombstoneModel = mongoose.model<Tombstone>('Tombstone', tombstoneSchema);

export async function recordTombstone(collectionName: string, documentId: string): Promise<void> {
  await TombstoneModel.create({ collectionName, documentId, deletedAt: new Date() });
}
