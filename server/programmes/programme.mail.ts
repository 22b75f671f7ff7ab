// Mail about registrations, in the recipient's language: the visitor's confirmation link, a seat freed for someone on
// the waiting list, and a cancelled event or occurrence.
import type { RouteContext } from '../app-context.ts';
import type { Mail } from '../mail/index.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import { translator } from '../shared/i18n/i18n.ts';
import { isUiLanguage, type UiLanguage } from '../shared/i18n/languages.ts';
import type { EventRecord } from './event.model.ts';
import type { Registration } from './registration.model.ts';
import { instantOfKey, wallAt } from './zoned-time.ts';

const uiLanguage = (lang: string | undefined): UiLanguage => (isUiLanguage(lang) ? lang : 'en');

function about(event: EventRecord, registration: Pick<Registration, 'occurrence' | 'language'>) {
  const lang = uiLanguage(registration.language);
  const start = instantOfKey(registration.occurrence);
  return {
    t: translator(lang),
    title: pickText(event.title, event.language, lang)?.text ?? '',
    when: start ? `${wallAt(start, event.timeZone).replace('T', ' ')} (${event.timeZone})` : registration.occurrence,
  };
}

export function confirmationMail(
  ctx: Pick<RouteContext, 'config'>,
  event: EventRecord,
  registration: Registration,
  token: string,
): Mail {
  const { t, title, when } = about(event, registration);
  return {
    to: registration.email,
    subject: t('programmes:mail.confirm.subject', { title }),
    text: t('programmes:mail.confirm.text', {
      name: registration.name,
      title,
      when,
      link: `${ctx.config.baseUrl}/registrations/${encodeURIComponent(token)}`,
    }),
  };
}

export function movedUpMail(ctx: Pick<RouteContext, 'config'>, event: EventRecord, registration: Registration): Mail {
  const { t, title, when } = about(event, registration);
  return {
    to: registration.email,
    subject: t('programmes:mail.movedUp.subject', { title }),
    text: t('programmes:mail.movedUp.text', {
      name: registration.name,
      title,
      when,
      link: `${ctx.config.baseUrl}/events/${event._id.toString()}/${registration.occurrence}`,
    }),
  };
}

export function cancelledMail(event: EventRecord, registration: Registration): Mail {
  const { t, title, when } = about(event, registration);
  return {
    to: registration.email,
    subject: t('programmes:mail.cancelled.subject', { title }),
    text: t('programmes:mail.cancelled.text', { name: registration.name, title, when }),
  };
}

/** A stored write is not undone by a mail server that fails: the failure is logged for the operators. */
export async function deliver(ctx: Pick<RouteContext, 'mailer' | 'logger'>, mails: Mail[]): Promise<void> {
  for (const mail of mails) {
    try {
      await ctx.mailer.send(mail);
    } catch (error) {
      ctx.logger.error({ err: error, to: mail.to, subject: mail.subject }, 'mail not sent');
    }
  }
}
