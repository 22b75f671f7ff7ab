// The member pass itself: a compact JWT signed with the instance's `pass` key. It names the network, the category, a
// pass subject that is not the account's id, a short name hint and an expiry of at most 30 days; nothing else.
import { errors, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { KEY_ALGORITHM, type SigningKey } from '../keys/index.ts';

export const PASS_TYPE = 'passerelle-pass+jwt';
export const MAX_PASS_DAYS = 30;
const DAY_S = 24 * 3600;

export interface PassContent {
  /** The pass's own id (`jti`): its short code, under which the pass is kept. */
  id: string;
  /** This instance's BASE_URL. */
  issuer: string;
  network: { id: string; slug: string };
  category: string;
  subject: string;
  /** "Amina B.": for the host to greet, not to identify. */
  nameHint: string;
  expiresAt: Date;
}

/** Why a pass is refused before its membership is even looked at. */
export type PassRefusal = 'malformed' | 'unknownKey' | 'badSignature' | 'expired' | 'otherIssuer' | 'tooLong';

export type PassReading = { ok: true; pass: PassContent } | { ok: false; refusal: PassRefusal };

/** "Amina Benali" → "Amina B.": the first name and the last name's initial. */
export function nameHintOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const first = words[0]!;
  const last = words.length > 1 ? words.at(-1)! : '';
  return last ? `${first} ${[...last][0]!.toLocaleUpperCase()}.` : first;
}

export async function signPass(content: PassContent, key: SigningKey, now = new Date()): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expires = Math.min(Math.floor(content.expiresAt.getTime() / 1000), issuedAt + MAX_PASS_DAYS * DAY_S);
  return new SignJWT({ net: content.network, cat: content.category, name: content.nameHint })
    .setProtectedHeader({ alg: KEY_ALGORITHM, kid: key.kid, typ: PASS_TYPE })
    .setIssuer(content.issuer)
    .setSubject(content.subject)
    .setJti(content.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expires)
    .sign(key.privateKey);
}

interface PassPayload extends JWTPayload {
  net?: { id?: unknown; slug?: unknown };
  cat?: unknown;
  name?: unknown;
}

class UnknownKey extends Error {}

function contentOf(payload: PassPayload): PassContent | undefined {
  const { net, cat, name, sub, iss, exp, jti } = payload;
  if (typeof net?.id !== 'string' || typeof net.slug !== 'string') return undefined;
  if (typeof cat !== 'string' || typeof name !== 'string' || !sub || !iss || !exp || !jti) return undefined;
  return {
    id: jti,
    issuer: iss,
    network: { id: net.id, slug: net.slug },
    category: cat,
    subject: sub,
    nameHint: name,
    expiresAt: new Date(exp * 1000),
  };
}

/**
 * Checks a pass: our issuer, a key id of ours for passes (the current key or the one before a rotation), an intact
 * signature, not expired, and valid for no more than 30 days from when it was made.
 */
export async function readPass(
  token: string,
  verifier: { issuer: string; keyFor: (kid: string) => Promise<CryptoKey | undefined>; now?: Date },
): Promise<PassReading> {
  try {
    const { payload } = await jwtVerify<PassPayload>(
      token,
      async ({ kid }) => {
        const key = kid ? await verifier.keyFor(kid) : undefined;
        if (!key) throw new UnknownKey();
        return key;
      },
      {
        algorithms: [KEY_ALGORITHM],
        typ: PASS_TYPE,
        issuer: verifier.issuer,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        currentDate: verifier.now ?? new Date(),
      },
    );
    const pass = contentOf(payload);
    if (!pass) return { ok: false, refusal: 'malformed' };
    if (payload.exp! - payload.iat! > MAX_PASS_DAYS * DAY_S) return { ok: false, refusal: 'tooLong' };
    return { ok: true, pass };
  } catch (error) {
    return { ok: false, refusal: refusalOf(error) };
  }
}

function refusalOf(error: unknown): PassRefusal {
  if (error instanceof UnknownKey) return 'unknownKey';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'badSignature';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') return 'otherIssuer';
  if (error instanceof errors.JOSEError) return 'malformed';
  throw error;
}
