// /me/pass (the member's passes, printable and complete without scripts) and its JSON twin.
import type { Request, Response } from 'express';
import type { RouteContext } from '../app-context.ts';
import { formatters } from '../shared/i18n/formatters.ts';
import { myPasses } from './pass.service.ts';

export function passesController(ctx: RouteContext) {
  return {
    page: async (req: Request, res: Response): Promise<void> => {
      const passes = await myPasses(req.principal, ctx.config.baseUrl, req.lang);
      // A pass is a credential: no shared cache may keep the page.
      res.set('Cache-Control', 'private, no-store');
      res.render('passes/me-pass', { passes, display: formatters(req.lang) });
    },

    json: async (req: Request, res: Response): Promise<void> => {
      const passes = await myPasses(req.principal, ctx.config.baseUrl, req.lang);
      res.set('Cache-Control', 'private, no-store');
      res.json({
        passes: passes.map((pass) => ({
          network: { slug: pass.network.slug, name: pass.network.name.text },
          category: pass.category,
          nameHint: pass.nameHint,
          code: pass.code,
          token: pass.token,
          expiresAt: pass.expiresAt.toISOString(),
        })),
      });
    },
  };
}
