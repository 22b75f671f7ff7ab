// Mail: what other domains (and the app) may use. The outbox page's routes are mounted by app.ts.
export { createMailer, type Mail, type Mailer } from './mailer.ts';
export type { OutboxMail } from './outbox.model.ts';
