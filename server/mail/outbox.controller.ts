// The local outbox page: the mail this instance "sent" without an SMTP server, newest first, for instance admins.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RouteContext } from '../app-context.js';
import { parseInput } from '../shared/http/validate.js';
import { safeQuery } from '../shared/http/query.js';
import { assertAllowed } from '../shared/principal.js';
import { OutboxModel } from './outbox.model.js';

const PAGE_SIZE = 20;

const outboxQuery = z.object({
  page: z.coerce
    .number({ error: 'validation.page' })
    .int({ error: 'validation.page' })
    .min(1, { error: 'validation.page' })
    .max(10_000, { error: 'validation.page' })
    .default(1),
});

export function outboxController(ctx: RouteContext) {
  return {
    list: async (req: Request, res: Response): Promise<void> => {
      assertAllowed(req.principal, req.principal.instanceAdmin);
      const { page } = parseInput(outboxQuery, { page: safeQuery(req).page });
      const [mails, total] = await Promise.all([
        OutboxModel.find()
          .sort({ sentAt: -1, _id: -1 })
          .skip((page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE)
          .lean(),
        OutboxModel.countDocuments(),
      ]);
      res.render('mail/outbox', {
        mails,
        total,
        page,
        pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        mailerKind: ctx.mailer.kind,
      });
    },
  };
}
