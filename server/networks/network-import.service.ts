// Bulk writes of networks by the system (the demo seed today; imports later).
import type { Types } from 'mongoose';
import { NetworkModel } from './network.model.ts';

/**
 * Keeps the networks that already exist (by slug) and inserts the others with the ids they carry; returns every
 * network's id by slug and how many were inserted.
 */
export async function ensureNetworks(
  documents: { _id: Types.ObjectId; slug: string }[],
): Promise<{ ids: Map<string, Types.ObjectId>; inserted: number }> {
  const ids = new Map<string, Types.ObjectId>();
  for (const { slug } of documents) {
    // One plain lookup per slug: the connection sanitises filters, so no query operator is needed or wanted.
    const existing = await NetworkModel.findOne({ slug }).select({ _id: 1 }).lean();
    if (existing) ids.set(slug, existing._id);
  }
  const missing = documents.filter((network) => !ids.has(network.slug));
  if (missing.length > 0) await NetworkModel.insertMany(missing);
  for (const network of missing) ids.set(network.slug, network._id);
  return { ids, inserted: missing.length };
}
