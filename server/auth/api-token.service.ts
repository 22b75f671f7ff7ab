// Personal API tokens: created and revoked by their owner only; the token is shown once, only its hash is kept.
import { LRUCache } from 'lru-cache';
import { recordAudit } from '../audit/index.ts';
import { claims } from '../shared/db/claims.ts';
import { hashSecret, newSecret } from '../shared/db/secret-token.ts';
import { notFound, unauthorized } from '../shared/errors/app-error.ts';
import { assertAllowed, isManagerOrAdmin, type Principal } from '../shared/principal.ts';
import { API_TOKEN_PREFIX, ApiTokenModel } from './api-token.model.ts';

/** How long a verified token is believed without reading it again: a revocation on another server takes this long. */
export const TOKEN_MEMORY_MS = 60_000;
/** Last use is written at most this often per token: a script's every call would otherwise be a write. */
const LAST_USE_EVERY_MS = 60_000;

interface VerifiedToken {
  userId: string;
  lastUseWrittenAt: number;
}

/** Tokens verified lately, by hash: FerretDB 1.x scans the tokens collection to find one. */
const verified = new LRUCache<string, VerifiedToken>({ max: 5000, ttl: TOKEN_MEMORY_MS });
/** Grows with every revocation. */
let revocations = 0;

function forgetVerifiedTokens(): void {
  revocations += 1;
  verified.clear();
}

/** The account a live token acts for, or undefined for a token that is unknown or revoked. */
export async function tokenHolder(token: string): Promise<string | undefined> {
  const hash = hashSecret(token);
  let known = verified.get(hash);
  if (!known) {
    const generation = revocations;
    const record = await ApiTokenModel.findOne({ tokenHash: hash, revokedAt: null }).select('user').lean();
    if (!record) return undefined;
    known = { userId: record.user.toString(), lastUseWrittenAt: 0 };
    // A revocation while this was read may concern this very token.
    if (generation === revocations) verified.set(hash, known);
  }
  if (Date.now() - known.lastUseWrittenAt >= LAST_USE_EVERY_MS) {
    known.lastUseWrittenAt = Date.now();
    // Last use is informative only; a failure to record it must not fail the request.
    void ApiTokenModel.updateOne({ tokenHash: hash }, { $set: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return known.userId;
}

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
 * not found (404) and its existence is not revealed. The revocation is claimed by unique key, so revoking twice, even
 * at once, is harmless: the later call answers the token as it is, with no second audit entry.
 */
export async function revokeApiToken(p: Principal, tokenId: string): Promise<ApiTokenSummary> {
  const userId = ownerId(p);
  const token = await ApiTokenModel.findOne({ _id: tokenId, user: userId }).select('-tokenHash').lean();
  if (!token) throw notFound();
  const summary = { id: tokenId, name: token.name, prefix: token.prefix };
  if (token.revokedAt) return { ...summary, revokedAt: token.revokedAt };
  const revocation = `token:${tokenId}:revoke`;
  if (!(await claims.claim(revocation, { owner: userId }))) {
    // Revoked by a call a moment ago, which may not have written the date yet: the claim's time stands in.
    const current = await ApiTokenModel.findById(tokenId).select('revokedAt').lean();
    return { ...summary, revokedAt: current?.revokedAt ?? (await claims.holder(revocation))?.at };
  }
  const revokedAt = new Date();
  forgetVerifiedTokens();
  await ApiTokenModel.updateOne({ _id: tokenId }, { $set: { revokedAt } });
  forgetVerifiedTokens();
  await recordAudit(p, {
    action: 'token.revoke',
    entityType: 'token',
    entityId: tokenId,
    before: { revokedAt: null },
    after: { revokedAt },
  });
  return { ...summary, revokedAt };
}

/** At account deletion: every token of the person stops working at once. Returns how many were still valid. */
export async function revokeAllApiTokensOf(userId: string, at = new Date()): Promise<number> {
  forgetVerifiedTokens();
  const result = await ApiTokenModel.updateMany({ user: userId, revokedAt: null }, { $set: { revokedAt: at } });
  forgetVerifiedTokens();
  return result.modifiedCount;
}
