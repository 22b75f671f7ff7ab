// Accounts as other domains see them: people by id (names, addresses, languages), never their secrets.
import type { User } from './user.model.ts';
import { UserModel } from './user.model.ts';

/** A live account, as a member list or a mail needs it. */
export interface PersonRef {
  userId: string;
  name: string;
  email: string;
  preferredLanguage: string;
}

/** An account as a log shows it: by name, or by pseudonym once deleted. */
export interface ActorRef {
  userId: string;
  name: string;
  deleted: boolean;
}

type Id = { toString(): string };

/** The live accounts among `userIds`, by id (deleted ones are left out). */
export async function peopleByIds(userIds: Id[]): Promise<Map<string, PersonRef>> {
  const users = userIds.length
    ? await UserModel.find({ _id: { $in: userIds.map(String) }, deletedAt: null })
        .select('name email preferredLanguage')
        .lean()
    : [];
  return new Map(
    users.map((u) => [
      u._id.toString(),
      { userId: u._id.toString(), name: u.name, email: u.email, preferredLanguage: u.preferredLanguage ?? 'en' },
    ]),
  );
}

/** Accounts among `userIds`, deleted ones too: a deleted account is shown by its pseudonym only. */
export async function actorsByIds(userIds: Id[]): Promise<Map<string, ActorRef>> {
  const users = userIds.length
    ? await UserModel.find({ _id: { $in: userIds.map(String) } })
        .select('name pseudonym deletedAt')
        .lean()
    : [];
  return new Map(
    users.map((u) => [
      u._id.toString(),
      { userId: u._id.toString(), name: u.deletedAt ? u.pseudonym : u.name, deleted: Boolean(u.deletedAt) },
    ]),
  );
}

/** A live account with every field but its password hash; undefined when deleted or unknown. */
export async function findLiveUser(userId: string): Promise<Omit<User, 'passwordHash'> | undefined> {
  const user = await UserModel.findOne({ _id: userId, deletedAt: null }).select('-passwordHash').lean<User>();
  return user ?? undefined;
}
