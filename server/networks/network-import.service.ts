// Bulk writes of networks by the system (the demo seed today; imports later).
import type { Types } from 'mongoose';
import { badRequest, type ErrorDetail } from '../shared/errors/app-error.ts';
import { WEB_PROTOCOLS, webAddress } from '../shared/http/schema-fields.ts';
import { NetworkModel } from './network.model.ts';

type ImportedNetwork = { _id: Types.ObjectId; slug: string; website?: unknown; logoUrl?: unknown };

/** Each web address field, the protocols it allows and the message for one that is no such address. */
const WEB_ADDRESS_FIELDS = [
  { field: 'website', protocols: WEB_PROTOCOLS, key: 'networks:validation.website' },
  { field: 'logoUrl', protocols: ['https:'], key: 'networks:validation.logoUrl' },
] as const;

/**
 * The networks with their web addresses stored as the network form stores them (`webAddress`). One that is no web
 * address refuses the whole import, before anything is written, naming each such network by its position.
 */
function withWebAddresses<N extends ImportedNetwork>(documents: N[]): N[] {
  const details: ErrorDetail[] = [];
  const normalised = documents.map((document, index) => {
    let result = document;
    for (const { field, protocols, key } of WEB_ADDRESS_FIELDS) {
      const value = document[field];
      if (value === undefined || value === null || value === '') continue;
      const href = typeof value === 'string' ? webAddress(value, protocols) : undefined;
      if (href === undefined) details.push({ field: `${index}.${field}`, key });
      else result = { ...result, [field]: href };
    }
    return result;
  });
  if (details.length) throw badRequest(details);
  return normalised;
}

/**
 * Keeps the networks that already exist (by slug) and inserts the others with the ids they carry; returns every
 * network's id by slug and how many were inserted.
 */
export async function ensureNetworks(
  documents: ImportedNetwork[],
): Promise<{ ids: Map<string, Types.ObjectId>; inserted: number }> {
  const normalised = withWebAddresses(documents);
  const ids = new Map<string, Types.ObjectId>();
  for (const { slug } of normalised) {
    // One plain lookup per slug: the connection sanitises filters, so no query operator is needed or wanted.
    const existing = await NetworkModel.findOne({ slug }).select({ _id: 1 }).lean();
    if (existing) ids.set(slug, existing._id);
  }
  const missing = normalised.filter((network) => !ids.has(network.slug));
  if (missing.length > 0) await NetworkModel.insertMany(missing);
  for (const network of missing) ids.set(network.slug, network._id);
  return { ids, inserted: missing.length };
}
