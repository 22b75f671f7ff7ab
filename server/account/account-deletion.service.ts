// Deleting my account: anonymised, not removed, and every domain forgets what it kept of me.
import {
  anonymiseAccount,
  deletePasswordResetsOf,
  destroySessionsOf,
  isLastInstanceAdmin,
  passwordMatches,
  revokeAllApiTokensOf,
} from '../auth/index.ts';
import { forgetPersonInAudit, recordAudit } from '../audit/index.ts';
import { deleteDemandSignalsOf } from '../demand/index.ts';
import { removeMembershipsOf } from '../networks/index.ts';
import { deletePassesOf } from '../passes/index.ts';
import { fieldError, unauthorized } from '../shared/errors/app-error.ts';
import type { Principal } from '../shared/principal.ts';
import { liveUser, ownerId } from './account.service.ts';

/**
 * Deletes my account. The user record stays, anonymised, so that audit entries keep an actor shown by a pseudonym;
 * memberships go, tokens are revoked, every session ends. A wrong password is a 400 on the password field; the last
 * instance admin cannot leave the instance ownerless (a 409 on the form).
 */
export async function deleteMyAccount(p: Principal, password: string): Promise<void> {
  const user = await liveUser(ownerId(p));
  const userId = user._id.toString();
  if (!(await passwordMatches(userId, password))) throw fieldError('password', 'me:delete.wrongPassword');
  if (user.instanceAdmin && (await isLastInstanceAdmin(userId))) {
    throw fieldError('_', 'me:delete.lastInstanceAdmin', 409);
  }
  const now = new Date();
  // Anonymised first and in one write: from here on nobody can sign in as this person, whatever happens next.
  if (!(await anonymiseAccount(userId, now))) throw unauthorized();
  const tokensRevoked = await revokeAllApiTokensOf(userId, now);
  const membershipsRemoved = await removeMembershipsOf(p, userId);
  // Their codes stop working and their name hints go; the usage log names nobody, so its counts stay.
  await deletePassesOf(userId);
  await deletePasswordResetsOf(userId);
  // What I said I would use goes with me, and the counts drop.
  await deleteDemandSignalsOf(userId);
  await forgetPersonInAudit(userId);
  await destroySessionsOf(userId);
  await recordAudit(p, {
    action: 'user.delete',
    entityType: 'user',
    entityId: userId,
    before: { deletedAt: null },
    after: { deletedAt: now, membershipsRemoved, tokensRevoked },
  });
}
