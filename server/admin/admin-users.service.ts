// Instance administration of accounts: finding people and setting their instance-wide roles.
import { recordAudit } from '../audit/index.js';
import { UserModel } from '../auth/index.js';
import { notFound } from '../shared/errors/app-error.js';
import { assertAllowed, type Principal } from '../shared/principal.js';

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

const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

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

export type SetRolesResult = { ok: true; name: string } | { ok: false; key: string };

/** Sets instance admin and analyst; an admin cannot drop their own admin role (so one always remains). */
export async function setRoles(
  principal: Principal,
  userId: string,
  roles: { instanceAdmin: boolean; analyst: boolean },
): Promise<SetRolesResult> {
  assertInstanceAdmin(principal);
  if (!isObjectId(userId)) throw notFound();
  const user = await UserModel.findOne({ _id: userId, deletedAt: null });
  if (!user) throw notFound();
  if (user._id.toString() === principal.userId && !roles.instanceAdmin) {
    return { ok: false, key: 'admin:users.ownAdminRole' };
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
  return { ok: true, name: user.name };
}
