// Who a member pass names: a random pass subject per membership and round of membership, never the user's id, so a
// pass shown at a door tells the host nothing it could link to an account.
import { randomBytes } from 'node:crypto';
import { claims } from '../shared/db/claims.ts';
import { MembershipModel, type Membership } from './membership.model.ts';

/** What a check-in learns of the membership behind a pass subject. */
export interface PassHolder {
  membershipId: string;
  networkId: string;
  category: Membership['category'];
  active: boolean;
}

/** The active memberships of a person, for their passes: network, category and the person's name are enough. */
export async function activeMembershipsOf(userId: string): Promise<Membership[]> {
  return MembershipModel.find({ user: userId, status: 'active' }).sort({ createdAt: 1, _id: 1 }).lean<Membership[]>();
}

/**
 * The pass subject of an active membership, made on first use. Two first uses at once must agree on one subject (else
 * the pass the first one made would be refused), so the subject is claimed by unique key per round of the membership
 * (a revocation and a later approval start a new round) and the loser takes the winner's.
 */
export async function passSubjectOf(membership: Membership): Promise<string> {
  if (membership.passSubject) return membership.passSubject;
  const round = (membership.decidedAt ?? membership.createdAt).getTime();
  const key = `membership:${membership._id.toString()}:pass-subject:${round}`;
  const candidate = randomBytes(16).toString('base64url');
  if (!(await claims.claim(key, { owner: candidate }))) {
    const holder = await claims.holder(key);
    if (!holder?.owner) throw new Error('a pass subject claim without its subject');
    return holder.owner;
  }
  await MembershipModel.updateOne({ _id: membership._id, status: 'active' }, { $set: { passSubject: candidate } });
  return candidate;
}

/**
 * The membership of a pass, read by `_id`, if it still holds the pass's subject: a revoked membership no longer does
 * (nor one that was removed, or revoked and approved again since the pass was made).
 */
export async function passHolder(membershipId: string, subject: string): Promise<PassHolder | undefined> {
  const found = await MembershipModel.findOne({ _id: membershipId }).lean<Membership>();
  if (found?.passSubject !== subject) return undefined;
  return {
    membershipId: found._id.toString(),
    networkId: found.network.toString(),
    category: found.category,
    active: found.status === 'active',
  };
}
