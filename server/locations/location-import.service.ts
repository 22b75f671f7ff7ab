// Bulk writes by the system (the demo seed today; imports later): plain batched inserts that bypass no change feed.
import { badRequest, type ErrorDetail } from '../shared/errors/app-error.ts';
import { webAddress } from '../shared/http/schema-fields.ts';
import { LocationModel } from './location.model.ts';

export async function hasLocations(): Promise<boolean> {
  return (await LocationModel.exists({})) !== null;
}

/**
 * The documents with their website stored as the editor stores it (`webAddress`). One that is no web address refuses
 * the whole import, before anything is written, naming each such document by its position.
 */
function withWebAddresses(documents: object[]): object[] {
  const details: ErrorDetail[] = [];
  const normalised = documents.map((document, index) => {
    const contact = (document as { contact?: { website?: unknown } | null }).contact;
    const website = contact?.website;
    if (website === undefined || website === null || website === '') return document;
    const href = typeof website === 'string' ? webAddress(website) : undefined;
    if (href === undefined) {
      details.push({ field: `${index}.contact.website`, key: 'manage:validation.url' });
      return document;
    }
    return { ...document, contact: { ...contact, website: href } };
  });
  if (details.length) throw badRequest(details);
  return normalised;
}

/** Inserts stored-shape location documents in batches; a duplicate slug fails the batch it is in. */
export async function insertLocations(documents: object[], batchSize = 500): Promise<number> {
  const normalised = withWebAddresses(documents);
  for (let start = 0; start < normalised.length; start += batchSize) {
    await LocationModel.insertMany(normalised.slice(start, start + batchSize));
  }
  return normalised.length;
}
