// The local outbox page, for instance admins.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RouteContext } from '../app-context.ts';
import { pageField } from '../shared/http/schema-fields.ts';
import { parseInput } from '../shared/http/validate.ts';
import { safeQuery } from '../shared/http/query.ts';
import { assertMayReadOutbox, OUTBOX_PAGE_SIZE, outboxPage } from './outbox.service.ts';

const outboxQuery = z.object({ page: pageField });

export function outboxController(ctx: RouteContext) {
  return {
    list: async (req: Request, res: Response): Promise<void> => {
      assertMayReadOutbox(req.principal);
      const { page } = parseInput(outboxQuery, { page: safeQuery(req).page });
      const { mails, total } = await outboxPage(req.principal, page);
      res.render('mail/outbox', {
        mails,
        total,
        page,
        pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
        mailerKind: ctx.mailer.kind,
      });
    },
  };
}
