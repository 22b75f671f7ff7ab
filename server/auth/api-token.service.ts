// Personal API tokens: created and revoked by their owner only; the token is shown once, only its hash is kept.
import { recordAudit } from '../audit/index.ts';
import { hashSecret, newSecret } from '../shared/db/secret-token.ts';
import { notFound, unauthorized } from '../shared/errors/app-error.ts';
import { assertAllowed, isManagerOrAdmin, type Principal } from '../shared/principal.ts';
import { API_TOKEN_PREFIX, ApiTokenModel } from './api-token.model.ts';

/** How many characters after `psl_` are kept in clear, so the owner can tell tokens apart. */
export const VISIBLE_PREFIX_LENGTH = 8;

export interface ApiTokenSummary {
  id: string;
  name: string;
  /** e.g. `psl_3fA9x0Qb`: the token's start, never enough to use it. */
  prefix: string;
  createdAt?: Date;
  lastUsedAt?: Date;
  revokedAt?: Date;
}

export interface CreatedApiToken extends ApiTokenSummary {
  /** The secret itself: shown to its owner once and never stored. */
  token: string;
}

/** Tokens are for people who script listings: managers and admins. */
export const canHoldApiTokens = (p: Principal): boolean => p.kind === 'user' && isManagerOrAdmin(p);

function ownerId(p: Principal): string {
  if (p.kind !== 'user' || !p.userId) throw unauthorized();
  return p.userId;
}

export async function createApiToken(p: Principal, name: string): Promise<CreatedApiToken> {
  const userId = ownerId(p);
  assertAllowed(p, canHoldApiTokens(p));
  const token = newSecret(API_TOKEN_PREFIX);
  const prefix = token.slice(0, API_TOKEN_PREFIX.length + VISIBLE_PREFIX_LENGTH);
  const record = await ApiTokenModel.create({ user: userId, name, tokenHash: hashSecret(token), prefix });
  await recordAudit(p, {
    action: 'token.create',
    entityType: 'token',
    entityId: record._id.toString(),
    after: { name, prefix },
  });
  return { id: record._id.toString(), name, prefix, createdAt: record.createdAt, token };
}

/** The owner's tokens, newest first, without their hashes. */
export async function listApiTokens(p: Principal): Promise<ApiTokenSummary[]> {
  const tokens = await ApiTokenModel.find({ user: ownerId(p) })
    .select('-tokenHash')
    .sort({ createdAt: -1, _id: -1 })
    .lean();
  return tokens.map((t) => ({
    id: t._id.toString(),
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt ?? undefined,
    lastUsedAt: t.lastUsedAt ?? undefined,
    revokedAt: t.revokedAt ?? undefined,
  }));
}

/**
 * Revokes one of the owner's tokens. Someone else's token is looked up with the owner in the query, so it is simply
 * not found (404) and its existence is not revealed. Revoking twice is harmless.
 */
export async function revokeApiToken(p: Principal, tokenId: string): Promise<ApiTokenSummary> {
  const userId = ownerId(p);
  const revokedAt = new Date();
  const revoked = await ApiTokenModel.findOneAndUpdate(
    { _id: tokenId, user: userId, revokedAt: null },
    { $set: { revokedAt } },
    { returnDocument: 'after' },
  ).lean(); // FerretDB 1.x allows no projection in findAndModify; the hash is read but goes nowhere.
  if (revoked) {
    await recordAudit(p, {
      action: 'token.revoke',
      entityType: 'token',
      entityId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt },
    });
    return { id: tokenId, name: revoked.name, prefix: revoked.prefix, revokedAt };
  }
  const existing = await ApiTokenModel.findOne({ _id: tokenId, user: userId }).select('-tokenHash').lean();
  if (!existing) throw notFound();
  return { id: tokenId, name: existing.name, prefix: existing.prefix, revokedAt: existing.revokedAt ?? undefined };
}

/** At account deletion: every token of the person stops working at once. Returns how many were still valid. */
export async function revokeAllApiTokensOf(userId: string, at = new Date()): Promise<number> {
  const result = await ApiTokenModel.updateMany({ user: userId, revokedAt: null }, { $set: { revokedAt: at } });
  return result.modifiedCount;
}
