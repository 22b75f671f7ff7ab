// The instance admin's peer pages: the list with the form to add one by URL, and a peer's page with its keys'
// fingerprints, its health and the buttons to approve, suspend or remove it.
import type { Request, Response } from 'express';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { parseInput } from '../shared/http/validate.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import type { Federation } from './federation.ts';
import { addPeerSchema, peerIdSchema } from './peer.schemas.ts';
import { addPeer, getPeer, listPeers, removePeer, setPeerStatus } from './peer.service.ts';

export function peerController(federation: Federation) {
  async function renderList(req: Request, res: Response, status: number, url = '', errors: FormErrors = NO_ERRORS) {
    const peers = await listPeers(req.principal);
    res.status(status).render('admin/peers', { peers, url, errors, when: formatters(req.lang) });
  }

  const decide = (status: 'approved' | 'suspended', message: string) => async (req: Request, res: Response) => {
    const { id } = parseInput(peerIdSchema, req.params);
    const peer = await setPeerStatus(req.principal, federation, id, status);
    flash(req, message, { name: peer.name });
    res.redirect(303, `/admin/peers/${id}`);
  };

  return {
    list: (req: Request, res: Response) => renderList(req, res, 200),

    add: async (req: Request, res: Response): Promise<void> => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const sent = typeof body.url === 'string' ? body.url.slice(0, 500) : '';
      await submitForm(
        req,
        async () => {
          const { url } = parseInput(addPeerSchema, body);
          const peer = await addPeer(req.principal, federation, url);
          flash(req, 'federation:peers.added', { name: peer.name });
          res.redirect(303, `/admin/peers/${peer.id}`);
        },
        (status, errors) => renderList(req, res, status, sent, errors),
      );
    },

    page: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(peerIdSchema, req.params);
      const peer = await getPeer(req.principal, federation, id);
      res.render('admin/peer', { peer, when: formatters(req.lang) });
    },

    approve: decide('approved', 'federation:peers.approved'),
    suspend: decide('suspended', 'federation:peers.suspended'),

    remove: async (req: Request, res: Response): Promise<void> => {
      const { id } = parseInput(peerIdSchema, req.params);
      const peer = await removePeer(req.principal, federation, id);
      flash(req, 'federation:peers.removed', { name: peer.name });
      res.redirect(303, '/admin/peers');
    },
  };
}
