// The networks followed from peers (the operators of their listings): written by federation's follower only.
import { NetworkModel, type Network } from './network.model.ts';

export async function saveFollowedNetwork(id: string, fields: Record<string, unknown>): Promise<void> {
  const existing = await NetworkModel.findById(id).select('_id origin').lean<Network>();
  if (existing && !existing.origin) throw new Error('refusing to overwrite a local network');
  if (existing) await NetworkModel.replaceOne({ _id: id }, { ...fields, _id: id }, { runValidators: true });
  else await NetworkModel.create({ ...fields, _id: id });
}

export async function deleteFollowedNetworks(filter: { ids?: string[]; peer?: string }): Promise<number> {
  const query = filter.ids ? { _id: { $in: filter.ids } } : { 'origin.peer': filter.peer };
  const result = await NetworkModel.deleteMany({ ...query, origin: { $exists: true } });
  return result.deletedCount;
}
