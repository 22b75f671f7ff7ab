// Federation: this instance's descriptor for peers, and the instance admin's peer pages.
import { Router } from 'express';
import type { Federation } from './federation.ts';
import { ourDescriptor } from './descriptor.ts';
import { peerController } from './peer.controller.ts';
import { feedController } from './feed.controller.ts';
import { FEED_PATH } from './descriptor.ts';
import { requireSignedPeer, signedPeer } from './signed-request.ts';

/** Short: a peer re-reads it when it is added or refreshed, and a changed feed URL should reach it soon. */
const DESCRIPTOR_MAX_AGE_S = 300;

export function federationRoutes(federation: Federation): Router {
  const router = Router();
  const peers = peerController(federation);
  const feeds = feedController(federation);
  router.get('/.well-known/passerelle', (_req, res) => {
    res.set('Cache-Control', `public, max-age=${DESCRIPTOR_MAX_AGE_S}`).json(
      ourDescriptor(
        federation.config,
        federation.feedKinds.map((k) => k.kind),
      ),
    );
  });
  router.get(`${FEED_PATH}/:kind`, feeds.page);
  // Signed: answers an approved peer only, so a peer learns whether we approved it (both sides must).
  router.get('/federation/v1/hello', requireSignedPeer(federation), (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json({ instance: federation.config.INSTANCE_NAME, peer: signedPeer(res).name });
  });
  router.get('/admin/peers', peers.list);
  router.post('/admin/peers', peers.add);
  router.get('/admin/peers/:id', peers.page);
  router.post('/admin/peers/:id/approve', peers.approve);
  router.post('/admin/peers/:id/suspend', peers.suspend);
  router.post('/admin/peers/:id/remove', peers.remove);
  return router;
}
