// Bulk writes by the system (the demo seed today; imports later): plain batched inserts that bypass no change feed.
import { LocationModel } from './location.model.ts';

export async function hasLocations(): Promise<boolean> {
  return (await LocationModel.exists({})) !== null;
}

/** Inserts stored-shape location documents in batches; a duplicate slug fails the batch it is in. */
export async function insertLocations(documents: object[], batchSize = 500): Promise<number> {
  for (let start = 0; start < documents.length; start += batchSize) {
    await LocationModel.insertMany(documents.slice(start, start + batchSize));
  }
  return documents.length;
}
