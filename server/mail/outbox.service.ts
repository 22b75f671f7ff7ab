// Reading the local outbox: the mail this instance "sent" without an SMTP server, newest first, for instance admins.
import { assertAllowed, type Principal } from '../shared/principal.ts';
import { OutboxModel, type OutboxMail } from './outbox.model.ts';

export const OUTBOX_PAGE_SIZE = 20;

export const assertMayReadOutbox = (p: Principal): void => assertAllowed(p, p.instanceAdmin);

export async function outboxPage(p: Principal, page: number): Promise<{ mails: OutboxMail[]; total: number }> {
  assertMayReadOutbox(p);
  const [mails, total] = await Promise.all([
    OutboxModel.find()
      .sort({ sentAt: -1, _id: -1 })
      .skip((page - 1) * OUTBOX_PAGE_SIZE)
      .limit(OUTBOX_PAGE_SIZE)
      .lean<OutboxMail[]>(),
    OutboxModel.countDocuments(),
  ]);
  return { mails, total };
}
