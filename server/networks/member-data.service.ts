// What networks keep of one person (memberships, invitations made or used), for the download and deletion of an account.
import { recordAudit } from '../audit/index.ts';
import type { Principal } from '../shared/principal.ts';
import { InvitationModel, type Invitation } from './invitation.model.ts';
import { MembershipModel, type Membership } from './membership.model.ts';

/** Every membership of the person, oldest first, whatever its status. */
export async function membershipsOfUser(userId: string): Promise<Membership[]> {
  return MembershipModel.find({ user: userId }).sort({ createdAt: 1, _id: 1 }).lean<Membership[]>();
}

/** The invitations the person made and those they accepted, oldest first; their secrets' hashes are left out. */
export async function invitationsOfUser(
  userId: string,
): Promise<{ created: Omit<Invitation, 'tokenHash'>[]; used: Omit<Invitation, 'tokenHash'>[] }> {
  const [created, used] = await Promise.all([
    InvitationModel.find({ createdBy: userId })
      .select('-tokenHash')
      .sort({ createdAt: 1, _id: 1 })
      .lean<Invitation[]>(),
    InvitationModel.find({ usedBy: userId }).select('-tokenHash').sort({ createdAt: 1, _id: 1 }).lean<Invitation[]>(),
  ]);
  return { created, used };
}

/** Removes every membership of a person whose account goes; each network's admins see in their log that they left. */
export async function removeMembershipsOf(p: Principal, userId: string): Promise<number> {
  const memberships = await MembershipModel.find({ user: userId }).lean<Membership[]>();
  await MembershipModel.deleteMany({ user: userId });
  for (const m of memberships) {
    await recordAudit(p, {
      action: 'membership.delete',
      entityType: 'membership',
      entityId: m._id.toString(),
      networkId: m.network,
      before: { status: m.status, category: m.category, networkAdmin: Boolean(m.networkAdmin) },
      after: {},
    });
  }
  return memberships.length;
}
