// Loads the principal of a signed-in person: their account and active memberships, with network slugs.
import { findLiveUser } from '../auth/index.ts';
import type { MembershipGrant, Principal } from '../shared/principal.ts';
import { MembershipModel } from './membership.model.ts';
import { NetworkModel } from './network.model.ts';

export async function loadPrincipal(userId: string, via: Principal['via']): Promise<Principal | undefined> {
  const user = await findLiveUser(userId);
  if (!user) return undefined;
  const memberships = await MembershipModel.find({ user: user._id, status: 'active' }).lean();
  const networkIds = memberships.map((m) => m.network);
  const networks = networkIds.length
    ? await NetworkModel.find({ _id: { $in: networkIds } })
        .select('slug')
        .lean()
    : [];
  const slugs = new Map(networks.map((n) => [n._id.toString(), n.slug]));
  const grants: MembershipGrant[] = memberships.map((m) => ({
    networkId: m.network.toString(),
    networkSlug: slugs.get(m.network.toString()) ?? '',
    category: m.category,
    ...(m.categoryUntil ? { categoryUntil: m.categoryUntil } : {}),
    networkAdmin: Boolean(m.networkAdmin),
    managedLocationIds: (m.managedLocations ?? []).map((id) => id.toString()),
  }));
  return {
    kind: 'user',
    userId: user._id.toString(),
    name: user.name,
    email: user.email,
    preferredLanguage: user.preferredLanguage ?? 'en',
    instanceAdmin: Boolean(user.instanceAdmin),
    analyst: Boolean(user.analyst),
    memberships: grants,
    via,
  };
}
