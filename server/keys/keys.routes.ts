// GET /.well-known/jwks.json: the instance's public keys, for peers and check-in devices to verify what it signs.
import { Router } from 'express';
import { instanceKeys } from './instance-keys.service.ts';

/** Short: a rotation must reach verifiers within minutes. */
const JWKS_MAX_AGE_S = 300;

export function keysRoutes(): Router {
  const router = Router();
  router.get('/.well-known/jwks.json', async (_req, res) => {
    const keys = (await instanceKeys.published()).map((key) => key.jwk);
    res.set('Cache-Control', `public, max-age=${JWKS_MAX_AGE_S}`).type('application/jwk-set+json').json({ keys });
  });
  return router;
}
