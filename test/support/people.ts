// People for tests, created straight in the database with real password hashes and memberships.
import type { Types } from 'mongoose';
import { hashPassword } from '../../server/auth/index.ts';
import { UserModel } from '../../server/auth/user.model.ts';
import { MembershipModel, type MEMBERSHIP_CATEGORIES } from '../../server/networks/membership.model.ts';

export interface PersonSpec {
  name: string;
  email: string;
  instanceAdmin?: boolean;
  analyst?: boolean;
  memberships?: {
    network: Types.ObjectId;
    networkAdmin?: boolean;
    managedLocations?: Types.ObjectId[];
    category?: (typeof MEMBERSHIP_CATEGORIES)[number];
    status?: 'pending' | 'active' | 'rejected';
  }[];
}

export const TEST_PASSWORD = 'correct horse battery staple';

let cachedHash: string | undefined;

export async function createPerson(spec: PersonSpec): Promise<{ id: Types.ObjectId; email: string; password: string }> {
  // One scrypt hash for every test person: hashing is deliberately slow.
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const user = await UserModel.create({
    name: spec.name,
    email: spec.email.toLowerCase(),
    passwordHash: cachedHash,
    instanceAdmin: spec.instanceAdmin ?? false,
    analyst: spec.analyst ?? false,
    pseudonym: `Person ${spec.email.slice(0, 2)}…`,
  });
  for (const m of spec.memberships ?? []) {
    await MembershipModel.create({
      user: user._id,
      network: m.network,
      status: m.status ?? 'active',
      category: m.category ?? 'member',
      networkAdmin: m.networkAdmin ?? false,
      managedLocations: m.managedLocations ?? [],
    });
  }
  return { id: user._id, email: spec.email, password: TEST_PASSWORD };
}
