// Password reset by e-mail: a one-hour, single-use link; using it sets the password and ends every session.
import { recordAudit } from '../audit/index.ts';
import { translator } from '../shared/i18n/i18n.ts';
import { isUiLanguage, DEFAULT_LANGUAGE } from '../shared/i18n/languages.ts';
import type { Mailer } from '../mail/index.ts';
import type { Types } from 'mongoose';
import { claims } from '../shared/db/claims.ts';
import { hashSecret, newSecret } from '../shared/db/secret-token.ts';
import { fieldError } from '../shared/errors/app-error.ts';
import { sameAsEmail } from './auth.schemas.ts';
import { hashPassword } from './password.ts';
import { PasswordResetModel } from './password-reset.model.ts';
import { destroySessionsOf } from './session-store.ts';
import { UserModel } from './user.model.ts';
import { accountHolder } from '../shared/principal.ts';

export const RESET_VALID_MS = 60 * 60 * 1000;

export interface ResetMailDeps {
  mailer: Mailer;
  baseUrl: string;
}

/**
 * Sends a reset link if an account has this address; does nothing otherwise. The caller answers the same either
 * way, so nobody learns from it who has an account.
 */
export async function requestPasswordReset(email: string, deps: ResetMailDeps, now = new Date()): Promise<void> {
  const user = await UserModel.findOne({ email, deletedAt: null }).lean();
  if (!user) return;
  // No TTL index on FerretDB 1.x: a person's spent links are cleared when they ask for a new one.
  await PasswordResetModel.deleteMany({
    user: user._id,
    $or: [{ expiresAt: { $lt: now } }, { usedAt: { $ne: null } }],
  });
  const token = newSecret();
  await PasswordResetModel.create({
    user: user._id,
    tokenHash: hashSecret(token),
    expiresAt: new Date(now.getTime() + RESET_VALID_MS),
  });
  const lang = isUiLanguage(user.preferredLanguage) ? user.preferredLanguage : DEFAULT_LANGUAGE;
  const t = translator(lang);
  await deps.mailer.send({
    to: user.email,
    subject: t('auth:mail.reset.subject'),
    text: t('auth:mail.reset.text', {
      name: user.name,
      link: `${deps.baseUrl}/password/reset/${encodeURIComponent(token)}`,
      minutes: RESET_VALID_MS / 60_000,
    }),
  });
}

export type ResetState =
  | { status: 'valid'; userId: string; email: string }
  | { status: 'unknown' }
  | { status: 'expired' }
  | { status: 'used' };

/** A reset link's state, and the link's id when it is valid. */
async function readReset(token: string, now: Date): Promise<{ state: ResetState; id?: Types.ObjectId }> {
  const reset = await PasswordResetModel.findOne({ tokenHash: hashSecret(token) }).lean();
  if (!reset) return { state: { status: 'unknown' } };
  if (reset.usedAt) return { state: { status: 'used' } };
  if (reset.expiresAt <= now) return { state: { status: 'expired' } };
  const user = await UserModel.findOne({ _id: reset.user, deletedAt: null }).select('email').lean();
  if (!user) return { state: { status: 'unknown' } };
  return { state: { status: 'valid', userId: user._id.toString(), email: user.email }, id: reset._id };
}

/** What a reset link is worth right now. */
export async function inspectReset(token: string, now = new Date()): Promise<ResetState> {
  return (await readReset(token, now)).state;
}

/**
 * Uses a reset link: claims its use by unique key (so twenty tabs cannot all use it), sets the password, voids the
 * person's other links and signs them out everywhere. Returns the user id, or undefined if the link was no longer
 * good; a new password that is the account's e-mail address is a 400 on the password field, and leaves the link
 * unused. If setting the password fails, the claim is released and the link can be used again.
 */
export async function completeReset(token: string, password: string, now = new Date()): Promise<string | undefined> {
  const { state, id } = await readReset(token, now);
  if (state.status !== 'valid' || !id) return undefined;
  if (sameAsEmail(password, state.email)) throw fieldError('password', 'auth:validation.passwordIsEmail');
  const use = `password-reset:${id.toString()}:use`;
  if (!(await claims.claim(use, { owner: state.userId }))) return undefined;
  const userId = state.userId;
  try {
    await PasswordResetModel.updateOne({ _id: id }, { $set: { usedAt: now } });
    const passwordHash = await hashPassword(password);
    const updated = await UserModel.updateOne({ _id: userId, deletedAt: null }, { $set: { passwordHash } });
    if (updated.matchedCount === 0) return undefined;
  } catch (error) {
    await PasswordResetModel.updateOne({ _id: id }, { $unset: { usedAt: 1 } });
    await claims.release(use);
    throw error;
  }
  await PasswordResetModel.updateMany({ user: userId, usedAt: null }, { $set: { usedAt: now } });
  await destroySessionsOf(userId);
  await recordAudit(accountHolder(userId, 'none'), {
    action: 'user.password-reset',
    entityType: 'user',
    entityId: userId,
  });
  return userId;
}
