// GET /federation/v1/feeds/:kind: a page of a public feed, readable by anyone (peers follow it).
import type { Request, Response } from 'express';
import { notFound } from '../shared/errors/app-error.ts';
import { parseInput } from '../shared/http/validate.ts';
import { FEED_PATH } from './descriptor.ts';
import type { Federation } from './federation.ts';
import { feedQuerySchema } from './feed.schemas.ts';
import { feedPage } from './feed.service.ts';

export function feedController(federation: Federation) {
  return {
    page: async (req: Request, res: Response): Promise<void> => {
      const kind = federation.feedKinds.find((k) => k.kind === req.params.kind);
      if (!kind) throw notFound();
      const { afterChangeNumber } = parseInput(feedQuerySchema, req.query);
      const base = federation.config.baseUrl;
      const page = await feedPage(federation.feedIndex, kind, afterChangeNumber, {
        baseUrl: base,
        feedUrl: `${base}${FEED_PATH}/${kind.kind}`,
        licence: federation.config.FEDERATION_DATA_LICENCE,
      });
      // A page changes as records change; followers ask again anyway.
      res.set('Cache-Control', 'no-cache').json(page);
    },
  };
}
