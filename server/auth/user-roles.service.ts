// Instance-wide roles: finding people and setting their roles (instance admins), and the first admin from the command line.
import { recordAudit } from '../audit/index.ts';
import { fieldError, notFound } from '../shared/errors/app-error.ts';
import { OBJECT_ID } from '../shared/http/schema-fields.ts';
import { assertAllowed, SYSTEM, type Principal } from '../shared/principal.ts';
import { normaliseEmail } from './authenticate.ts';
import { UserModel } from './user.model.ts';

export const USERS_PAGE_SIZE = 25;

export interface UserRow {
  id: string;
  name: string;
  email: string;
  instanceAdmin: boolean;
  analyst: boolean;
  createdAt?: Date;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function assertInstanceAdmin(principal: Principal): void {
  assertAllowed(principal, principal.kind === 'user' && principal.instanceAdmin);
}

/** Accounts whose e-mail or name contains `q` (any case), by e-mail, one page at a time. */
export async function searchUsers(
  principal: Principal,
  query: { q: string; page: number },
): Promise<{ users: UserRow[]; total: number }> {
  assertInstanceAdmin(principal);
  // The search text is escaped, so it is matched literally and can never become an operator or a pattern.
  const pattern = query.q ? new RegExp(escapeRegex(query.q), 'i') : undefined;
  const filter = {
    deletedAt: null,
    ...(pattern ? { $or: [{ email: pattern }, { name: pattern }] } : {}),
  };
  const [docs, total] = await Promise.all([
    UserModel.find(filter)
      .sort({ email: 1 })
      .skip((query.page - 1) * USERS_PAGE_SIZE)
      .limit(USERS_PAGE_SIZE)
      .select('name email instanceAdmin analyst createdAt')
      .lean(),
    UserModel.countDocuments(filter),
  ]);
  const users = docs.map((u) => ({
    id: u._id.toString(),
    name: u.name,
    email: u.email,
    instanceAdmin: Boolean(u.instanceAdmin),
    analyst: Boolean(u.analyst),
    createdAt: u.createdAt,
  }));
  return { users, total };
}

/**
 * Sets instance admin and analyst and returns the person's name; an admin cannot drop their own admin role (a 409),
 * so one always remains.
 */
export async function setRoles(
  principal: Principal,
  userId: string,
  roles: { instanceAdmin: boolean; analyst: boolean },
): Promise<string> {
  assertInstanceAdmin(principal);
  if (!OBJECT_ID.test(userId)) throw notFound();
  const user = await UserModel.findOne({ _id: userId, deletedAt: null });
  if (!user) throw notFound();
  if (user._id.toString() === principal.userId && !roles.instanceAdmin) {
    throw fieldError('_', 'admin:users.ownAdminRole', 409);
  }
  const before = { instanceAdmin: Boolean(user.instanceAdmin), analyst: Boolean(user.analyst) };
  user.instanceAdmin = roles.instanceAdmin;
  user.analyst = roles.analyst;
  await user.save();
  await recordAudit(principal, {
    action: 'user.roles',
    entityType: 'user',
    entityId: user._id.toString(),
    before,
    after: { instanceAdmin: roles.instanceAdmin, analyst: roles.analyst },
  });
  return user.name;
}

/**
 * Makes an existing account an instance admin, as the system (`npm run make-admin`): a fresh instance needs no
 * default admin password. Undefined when no live account has that address.
 */
export async function grantInstanceAdmin(email: string): Promise<{ name: string; email: string } | undefined> {
  const before = await UserModel.findOne({ email: normaliseEmail(email), deletedAt: null }).lean();
  if (!before) return undefined;
  await UserModel.updateOne({ _id: before._id }, { $set: { instanceAdmin: true } });
  await recordAudit(SYSTEM, {
    action: 'user.roles',
    entityType: 'user',
    entityId: before._id.toString(),
    before: { instanceAdmin: before.instanceAdmin },
    after: { instanceAdmin: true },
  });
  return { name: before.name, email: before.email };
}
