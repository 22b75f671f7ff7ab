// Sending mail: through nodemailer to SMTP_URL when configured, else into the local outbox.
import nodemailer from 'nodemailer';
import type { Config } from '../config/index.ts';
import { OutboxModel } from './outbox.model.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  /** "smtp" or "outbox", for the start-up log and the admin page. */
  readonly kind: 'smtp' | 'outbox';
}

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): Mailer {
  if (config.SMTP_URL) {
    const transport = nodemailer.createTransport(config.SMTP_URL);
    return {
      kind: 'smtp',
      send: async (mail) => {
        await transport.sendMail({ from: config.MAIL_FROM, ...mail });
      },
    };
  }
  return {
    kind: 'outbox',
    send: async (mail) => {
      await OutboxModel.create({ ...mail, sentAt: new Date() });
    },
  };
}
