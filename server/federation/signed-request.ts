// Verifying a peer's signed request before anything not public is answered: the signature must be of our profile,
// fresh, never seen before (its nonce is claimed by unique key), made with a key the peer published, over this very
// request and its body's digest, and the peer must be approved here. Every refusal is logged with its reason.
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../shared/errors/app-error.ts';
import { claimsIn } from '../shared/db/claims.ts';
import type { Federation } from './federation.ts';
import { contentDigest, parseSignature, signatureBase, verifySignature } from './http-signature.ts';
import type { Peer } from './peer.model.ts';

/** How old a signature may be; a clock this far ahead is tolerated too (less). */
export const SIGNATURE_MAX_AGE_S = 300;
const CLOCK_AHEAD_S = 30;
const SWEEP_EVERY_MS = 5 * 60 * 1000;

export type SignatureRefusal =
  | 'missing'
  | 'malformed'
  | 'expired'
  | 'unknown-key'
  | 'bad-digest'
  | 'bad-signature'
  | 'replayed'
  | 'peer-suspended'
  | 'peer-not-approved';

const nonces = claimsIn('signature_nonces');
let lastSweep = 0;

const refused = (reason: SignatureRefusal) =>
  new AppError(
    reason === 'peer-suspended' || reason === 'peer-not-approved' ? 403 : 401,
    'signature_refused',
    'federation:signature.refused',
    {
      params: { reason },
    },
  );

/** The peer a request is signed by, set by `requireSignedPeer`. */
export const signedPeer = (res: Response): Peer => res.locals.signedPeer as Peer;

export function requireSignedPeer(federation: Federation) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const refuse = (reason: SignatureRefusal, extra: Record<string, unknown> = {}) => {
      federation.logger.warn({ reason, url: req.originalUrl, ip: req.ip, ...extra }, 'signed request refused');
      throw refused(reason);
    };
    const input = req.get('signature-input');
    const header = req.get('signature');
    if (!input || !header) return refuse('missing');
    const parsed = parseSignature(input, header);
    if (!parsed) return refuse('malformed');
    const { params } = parsed;
    const now = Math.floor(Date.now() / 1000);
    if (params.created < now - SIGNATURE_MAX_AGE_S || params.created > now + CLOCK_AHEAD_S) {
      return refuse('expired', { kid: params.keyid });
    }
    const known = await federation.registry.byKid(params.keyid);
    if (!known) return refuse('unknown-key', { kid: params.keyid });
    // Only bodiless requests are signed today: the digest is that of an empty body.
    const digest = contentDigest(undefined);
    if (req.get('content-digest') !== digest) return refuse('bad-digest', { kid: params.keyid });
    const targetUri = `${federation.config.baseUrl}${req.originalUrl}`;
    const base = signatureBase({ method: req.method, targetUri, contentDigest: digest }, params);
    if (!(await verifySignature(known.key, base, parsed.signature))) {
      return refuse('bad-signature', { kid: params.keyid, peer: known.peer.baseUrl });
    }
    if (known.peer.status === 'suspended') return refuse('peer-suspended', { peer: known.peer.baseUrl });
    if (known.peer.status !== 'approved') return refuse('peer-not-approved', { peer: known.peer.baseUrl });
    // Last, so a refused request spends no nonce: claimed once, by unique key, for as long as it could be replayed.
    const expiresAt = new Date((params.created + SIGNATURE_MAX_AGE_S + CLOCK_AHEAD_S) * 1000);
    if (!(await nonces.claim(`${params.keyid}:${params.nonce}`, { expiresAt }))) {
      return refuse('replayed', { peer: known.peer.baseUrl });
    }
    if (Date.now() - lastSweep > SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      void nonces.sweep().catch(() => undefined);
    }
    res.locals.signedPeer = known.peer;
    next();
  };
}
