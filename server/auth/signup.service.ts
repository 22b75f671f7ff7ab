// Creating an account: the password stored only as a scrypt hash, a random pseudonym, one account per e-mail.
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/index.ts';
import { fieldError } from '../shared/errors/app-error.ts';
import type { UiLanguage } from '../shared/i18n/languages.ts';
import { hashPassword } from './password.ts';
import { UserModel } from './user.model.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import { accountHolder } from '../shared/principal.ts';

export interface NewAccount {
  name: string;
  /** Already trimmed and lower-cased by the schema. */
  email: string;
  password: string;
  preferredLanguage: UiLanguage;
}

const emailTaken = () => fieldError('email', 'auth:validation.emailTaken', 409);

/** What audit entries show once the account is deleted: nothing that names the person. */
export const newPseudonym = (): string => `Member ${randomBytes(3).toString('hex')}`;

/** Creates the account and returns its id; a 409 on the e-mail field when the address has an account already. */
export async function signUp(input: NewAccount): Promise<string> {
  if (await UserModel.exists({ email: input.email })) throw emailTaken();
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
    if (isDuplicateKey(error)) throw emailTaken();
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
  return userId;
}
