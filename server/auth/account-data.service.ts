// What auth keeps of one person, for the account module's download and deletion of an account.
import { claims } from '../shared/db/claims.ts';
import { PasswordResetModel } from './password-reset.model.ts';
import { verifyPassword } from './password.ts';
import { SessionModel } from './session-store.ts';
import { UserModel } from './user.model.ts';

export async function passwordMatches(userId: string, password: string): Promise<boolean> {
  const user = await UserModel.findOne({ _id: userId, deletedAt: null }).select('passwordHash').lean();
  return verifyPassword(password, user?.passwordHash);
}

/** Whether no other live account is an instance admin. */
export async function isLastInstanceAdmin(userId: string): Promise<boolean> {
  const others = await UserModel.countDocuments({ _id: { $ne: userId }, instanceAdmin: true, deletedAt: null });
  return others === 0;
}

export async function liveSessionCount(userId: string): Promise<number> {
  return SessionModel.countDocuments({ userId, expiresAt: { $gt: new Date() } });
}

/**
 * Anonymises an account in one write: from then on nobody can sign in as this person. The record stays, so that audit
 * entries keep an actor shown by its pseudonym. False when it was deleted meanwhile: the deletion is claimed by
 * unique key, so two tabs deleting at once delete (and audit) once.
 */
export async function anonymiseAccount(userId: string, now: Date): Promise<boolean> {
  const user = await UserModel.findOne({ _id: userId, deletedAt: null }).select('pseudonym').lean();
  if (!user) return false;
  if (!(await claims.claim(`user:${userId}:delete`, { owner: userId }))) return false;
  const anonymised = await UserModel.updateOne(
    { _id: userId, deletedAt: null },
    {
      $set: {
        email: `deleted-${userId}@invalid`,
        name: user.pseudonym,
        deletedAt: now,
        instanceAdmin: false,
        analyst: false,
      },
      $unset: { passwordHash: 1 },
    },
  );
  return anonymised.modifiedCount > 0;
}

export async function deletePasswordResetsOf(userId: string): Promise<void> {
  await PasswordResetModel.deleteMany({ user: userId });
}
