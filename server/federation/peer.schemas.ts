// Inputs of federation: the admin's "add a peer" form, and what a peer sends us (its descriptor and its JWKS).
import { z } from 'zod';
import { objectIdField } from '../shared/http/schema-fields.ts';

/** The protocol this code speaks; a peer announcing another major version is refused. */
export const PROTOCOL_VERSION = 1;

/** A peer's base URL as stored: http(s), no credentials, query or fragment, no trailing slash. */
export function peerBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password) return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** True when `url` lies under the peer's base URL (its feeds, keys and records must). */
export function isUnder(baseUrl: string, url: string): boolean {
  const base = peerBaseUrl(baseUrl);
  const target = peerBaseUrl(url);
  if (!base || !target) return false;
  return target === base || target.startsWith(`${base}/`);
}

export const addPeerSchema = z.object({
  url: z
    .string({ error: 'federation:validation.url' })
    .trim()
    .max(500, { error: 'federation:validation.url' })
    .transform((value, ctx) => {
      const base = peerBaseUrl(value);
      if (!base) {
        ctx.addIssue({ code: 'custom', message: 'federation:validation.url' });
        return z.NEVER;
      }
      return base;
    }),
});

export const peerIdSchema = z.object({ id: objectIdField() });

const absoluteUrl = z.url({ protocol: /^https?$/ }).max(2000);
const shortText = z.string().trim().min(1).max(200);

/** `GET /.well-known/passerelle`: what an instance says of itself. */
export const descriptorSchema = z.object({
  name: shortText,
  software: z.object({ name: shortText, version: z.string().trim().min(1).max(50) }),
  protocolVersion: z.number().int().min(1).max(1000),
  feeds: z.partialRecord(z.enum(['networks', 'locations', 'events', 'agreements']), absoluteUrl),
  jwksUrl: absoluteUrl,
  languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)).max(50),
  licence: z.string().trim().max(200).optional(),
});
export type Descriptor = z.infer<typeof descriptorSchema>;

/** An Ed25519 public key as a JWK; anything else in a peer's JWKS is ignored. */
const okpKey = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  kid: z.string().min(1).max(200),
  alg: z.string().optional(),
  use: z.string().optional(),
});
export const jwksSchema = z.object({ keys: z.array(z.unknown()).max(50) });
export const parseOkpKey = (value: unknown) => okpKey.safeParse(value);
