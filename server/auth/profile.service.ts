// A signed-in person's own account: name and preferred language, and changing the password.
import { recordAudit } from '../audit/index.ts';
import { fieldError, notFound } from '../shared/errors/app-error.ts';
import { assertAllowed, type Principal } from '../shared/principal.ts';
import { sameAsEmail, type ProfileInput } from './auth.schemas.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { PasswordResetModel } from './password-reset.model.ts';
import { destroySessionsOf } from './session-store.ts';
import { UserModel } from './user.model.ts';

async function ownAccount(principal: Principal) {
  assertAllowed(principal, principal.kind === 'user' && Boolean(principal.userId));
  const user = await UserModel.findOne({ _id: principal.userId, deletedAt: null });
  if (!user) throw notFound();
  return user;
}

export async function readProfile(
  principal: Principal,
): Promise<{ name: string; email: string; preferredLanguage: string }> {
  const user = await ownAccount(principal);
  return { name: user.name, email: user.email, preferredLanguage: user.preferredLanguage ?? 'en' };
}

export async function updateProfile(principal: Principal, input: ProfileInput): Promise<void> {
  const user = await ownAccount(principal);
  const before = { name: user.name, preferredLanguage: user.preferredLanguage };
  user.name = input.name;
  user.preferredLanguage = input.preferredLanguage;
  await user.save();
  await recordAudit(principal, {
    action: 'user.update',
    entityType: 'user',
    entityId: user._id.toString(),
    before,
    after: { name: user.name, preferredLanguage: user.preferredLanguage },
  });
}

/**
 * Sets a new password after checking the current one (a 400 naming the field when it is wrong, or when the new one
 * is the e-mail address); every other session of the person ends (the one in `keepSessionId` stays), and open reset
 * links are voided.
 */
export async function changePassword(
  principal: Principal,
  input: { currentPassword: string; password: string },
  keepSessionId: string,
): Promise<void> {
  const user = await ownAccount(principal);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw fieldError('currentPassword', 'auth:validation.currentPasswordWrong');
  }
  if (sameAsEmail(input.password, user.email)) throw fieldError('password', 'auth:validation.passwordIsEmail');
  user.passwordHash = await hashPassword(input.password);
  await user.save();
  await PasswordResetModel.updateMany({ user: user._id, usedAt: null }, { $set: { usedAt: new Date() } });
  await destroySessionsOf(user._id.toString(), keepSessionId);
  await recordAudit(principal, { action: 'user.password-change', entityType: 'user', entityId: user._id.toString() });
}
