// Reading a peer's descriptor and keys through the outbound client, and checking them before anything is stored.
import { calculateJwkThumbprint } from 'jose';
import { AppError, fieldError } from '../shared/errors/app-error.ts';
import { OutboundError, type OutboundClient } from './outbound-client.ts';
import {
  descriptorSchema,
  isUnder,
  jwksSchema,
  parseOkpKey,
  PROTOCOL_VERSION,
  type Descriptor,
} from './peer.schemas.ts';

/** Where an instance describes itself, under its base URL. */
export const DESCRIPTOR_PATH = '/.well-known/passerelle';
const DESCRIPTOR_MAX_BYTES = 64 * 1024;
const JWKS_MAX_BYTES = 64 * 1024;

export interface PeerKey {
  kid: string;
  jwk: Record<string, unknown>;
  /** The JWK thumbprint (RFC 7638), as the peer's admins see it on their side. */
  fingerprint: string;
}

const unreachable = (cause: unknown) =>
  new AppError(400, 'bad_request', 'badRequest', {
    cause,
    details: [{ field: 'url', key: 'federation:peers.errors.unreachable' }],
  });

async function readJson(client: OutboundClient, url: string, maxBytes: number): Promise<unknown> {
  let answer;
  try {
    answer = await client.fetch(url, { headers: { accept: 'application/json' }, maxBytes });
  } catch (error) {
    if (error instanceof OutboundError) throw unreachable(error);
    throw error;
  }
  if (answer.status !== 200) throw unreachable(new Error(`status ${answer.status}`));
  try {
    return answer.json();
  } catch {
    throw fieldError('url', 'federation:peers.errors.notPeer');
  }
}

/** The peer's Ed25519 keys from its JWKS, with their fingerprints; other keys are ignored. */
export async function readPeerKeys(client: OutboundClient, jwksUrl: string): Promise<PeerKey[]> {
  const jwks = jwksSchema.safeParse(await readJson(client, jwksUrl, JWKS_MAX_BYTES));
  if (!jwks.success) throw fieldError('url', 'federation:peers.errors.noKeys');
  const keys: PeerKey[] = [];
  for (const candidate of jwks.data.keys) {
    const parsed = parseOkpKey(candidate);
    if (!parsed.success) continue;
    const { kty, crv, x, kid } = parsed.data;
    const jwk = { kty, crv, x, kid, alg: 'EdDSA', use: 'sig' };
    keys.push({ kid, jwk, fingerprint: await calculateJwkThumbprint(jwk) });
  }
  if (keys.length === 0) throw fieldError('url', 'federation:peers.errors.noKeys');
  return keys;
}

/**
 * Reads and checks the descriptor at `baseUrl`: a Passerelle instance of our protocol whose feeds and keys lie under
 * that URL (a peer may only speak for itself).
 */
export async function readPeerDescriptor(
  client: OutboundClient,
  baseUrl: string,
): Promise<{ descriptor: Descriptor; keys: PeerKey[] }> {
  const parsed = descriptorSchema.safeParse(
    await readJson(client, `${baseUrl}${DESCRIPTOR_PATH}`, DESCRIPTOR_MAX_BYTES),
  );
  if (!parsed.success) throw fieldError('url', 'federation:peers.errors.notPeer');
  const descriptor = parsed.data;
  if (descriptor.protocolVersion !== PROTOCOL_VERSION) throw fieldError('url', 'federation:peers.errors.protocol');
  const urls = [descriptor.jwksUrl, ...Object.values(descriptor.feeds)];
  if (!urls.every((url) => isUnder(baseUrl, url))) throw fieldError('url', 'federation:peers.errors.notPeer');
  return { descriptor, keys: await readPeerKeys(client, descriptor.jwksUrl) };
}
