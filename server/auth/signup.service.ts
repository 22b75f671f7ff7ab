// Creating an account: the password stored only as a scrypt hash, a random pseudonym, one account per e-mail.
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/index.js';
import type { UiLanguage } from '../shared/i18n/languages.js';
import { hashPassword } from './password.js';
import { UserModel } from './user.model.js';
import { isDuplicateKey } from '../shared/db/duplicate-key.js';
import { accountHolder } from '../shared/principal.js';

export interface NewAccount {
  name: string;
  /** Already trimmed and lower-cased by the schema. */
  email: string;
  password: string;
  preferredLanguage: UiLanguage;
}

export type SignupResult = { ok: true; userId: string } | { ok: false; reason: 'emailTaken' };

/** What audit entries show once the account is deleted: nothing that names the person. */
export const newPseudonym = (): string => `Member ${randomBytes(3).toString('hex')}`;

export async function signUp(input: NewAccount): Promise<SignupResult> {
  if (await UserModel.exists({ email: input.email })) return { ok: false, reason: 'emailTaken' };
  const passwordHash = await hashPassword(input.password);
  let user;
  try {
    user = await UserModel.create({
      name: input.name,
      email: input.email,
      preferredLanguage: input.preferredLanguage,
      passwordHash,
      pseudonym: newPseudonym(),
    });
  } catch (error) {
    // Two sign-ups with the same address at once: the unique index decides, the loser gets the same answer.
    if (isDuplicateKey(error)) return { ok: false, reason: 'emailTaken' };
    throw error;
  }
  const userId = user._id.toString();
  await recordAudit(accountHolder(userId, 'session'), {
    action: 'user.create',
    entityType: 'user',
    entityId: userId,
    after: {
      name: user.name,
      email: user.email,
      preferredLanguage: user.preferredLanguage,
      pseudonym: user.pseudonym,
    },
  });
  return { ok: true, userId };
}
