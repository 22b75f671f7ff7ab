// HTTP Message Signatures (RFC 9421) with Ed25519, over the method, the target URI and the body's Content-Digest
// (RFC 9530, sha-256), as peers sign the requests for what is not public. Only the profile we send is accepted:
// one signature labelled `sig1`, covering exactly those components, with `created`, `keyid`, `nonce` and
// `alg="ed25519"`.
import { createHash, randomBytes } from 'node:crypto';

export const SIGNATURE_LABEL = 'sig1';
export const COVERED = ['@method', '@target-uri', 'content-digest'] as const;

export const contentDigest = (body: Buffer | undefined): string =>
  `sha-256=:${createHash('sha256')
    .update(body ?? Buffer.alloc(0))
    .digest('base64')}:`;

export interface SignatureParams {
  created: number;
  keyid: string;
  nonce: string;
  alg: string;
}

const paramsText = (p: SignatureParams) =>
  `(${COVERED.map((c) => `"${c}"`).join(' ')});created=${p.created};keyid="${p.keyid}";alg="${p.alg}";nonce="${p.nonce}"`;

/** The signature base of RFC 9421 §2.5 for our covered components. */
export function signatureBase(
  request: { method: string; targetUri: string; contentDigest: string },
  params: SignatureParams,
): string {
  return [
    `"@method": ${request.method.toUpperCase()}`,
    `"@target-uri": ${request.targetUri}`,
    `"content-digest": ${request.contentDigest}`,
    `"@signature-params": ${paramsText(params)}`,
  ].join('\n');
}

/** The headers that sign a request: Content-Digest, Signature-Input and Signature. */
export async function signRequest(
  request: { method: string; url: string; body?: Buffer },
  key: { kid: string; privateKey: CryptoKey },
  now = Date.now(),
): Promise<Record<string, string>> {
  const digest = contentDigest(request.body);
  const params: SignatureParams = {
    created: Math.floor(now / 1000),
    keyid: key.kid,
    nonce: randomBytes(16).toString('base64url'),
    alg: 'ed25519',
  };
  const base = signatureBase({ method: request.method, targetUri: request.url, contentDigest: digest }, params);
  const signature = Buffer.from(await crypto.subtle.sign('Ed25519', key.privateKey, Buffer.from(base)));
  return {
    'content-digest': digest,
    'signature-input': `${SIGNATURE_LABEL}=${paramsText(params)}`,
    signature: `${SIGNATURE_LABEL}=:${signature.toString('base64')}:`,
  };
}

export interface ParsedSignature {
  params: SignatureParams;
  signature: Buffer;
}

const INPUT = new RegExp(
  `^${SIGNATURE_LABEL}=\\(${COVERED.map((c) => `"${c}"`).join(' ')}\\);created=(\\d{1,12});keyid="([^"\\\\]{1,200})";alg="ed25519";nonce="([A-Za-z0-9_-]{16,64})"$`,
);
const SIGNATURE = new RegExp(`^${SIGNATURE_LABEL}=:([A-Za-z0-9+/]{86}==):$`);

/** The signature of our profile, or undefined when the headers are missing or say anything else. */
export function parseSignature(input: string | undefined, signature: string | undefined): ParsedSignature | undefined {
  const i = input ? INPUT.exec(input.trim()) : null;
  const s = signature ? SIGNATURE.exec(signature.trim()) : null;
  if (!i || !s) return undefined;
  return {
    params: { created: Number(i[1]), keyid: i[2]!, alg: 'ed25519', nonce: i[3]! },
    signature: Buffer.from(s[1]!, 'base64'),
  };
}

export async function verifySignature(key: CryptoKey, base: string, signature: Buffer): Promise<boolean> {
  try {
    return await crypto.subtle.verify('Ed25519', key, new Uint8Array(signature), new TextEncoder().encode(base));
  } catch {
    return false;
  }
}
