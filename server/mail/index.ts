// Mail: what other domains may use.
export { createMailer, type Mail, type Mailer } from './mailer.js';
export { OutboxModel, type OutboxMail } from './outbox.model.js';
export { outboxRoutes } from './outbox.routes.js';
