// Mail about memberships: a new request to the network's admins, the decision to the person, an invitation link.
import type { RouteContext } from '../app-context.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import { translator } from '../shared/i18n/i18n.ts';
import { isUiLanguage, type UiLanguage } from '../shared/i18n/languages.ts';
import type { Mail } from '../mail/index.ts';
import { describeRole } from './network.display.ts';
import type { PersonRef } from './membership.service.ts';
import type { Network } from './network.model.ts';

const uiLanguage = (lang: string | undefined): UiLanguage => (isUiLanguage(lang) ? lang : 'en');

const networkName = (network: Network, lang: string) =>
  pickText(network.name, network.language, lang)?.text ?? network.slug;

/**
 * The write the mail tells of is already stored: a mail server that fails must not undo it or show an error,
 * so the failure is logged for the instance's operators.
 */
export async function deliver(ctx: RouteContext, mails: Mail[]): Promise<void> {
  for (const mail of mails) {
    try {
      await ctx.mailer.send(mail);
    } catch (error) {
      ctx.logger.error({ err: error, to: mail.to, subject: mail.subject }, 'mail not sent');
    }
  }
}

export function joinRequestMails(
  ctx: RouteContext,
  network: Network,
  requester: PersonRef,
  admins: PersonRef[],
): Mail[] {
  const url = `${ctx.config.baseUrl}/networks/${network.slug}/admin`;
  return admins.map((admin) => {
    const t = translator(uiLanguage(admin.preferredLanguage));
    const name = networkName(network, admin.preferredLanguage);
    return {
      to: admin.email,
      subject: t('networks:mail.request.subject', { network: name }),
      text: t('networks:mail.request.text', { name: admin.name, person: requester.name, network: name, url }),
    };
  });
}

export function decisionMail(ctx: RouteContext, network: Network, person: PersonRef, approved: boolean): Mail {
  const t = translator(uiLanguage(person.preferredLanguage));
  const name = networkName(network, person.preferredLanguage);
  const url = `${ctx.config.baseUrl}/networks/${network.slug}`;
  const kind = approved ? 'approved' : 'rejected';
  return {
    to: person.email,
    subject: t(`networks:mail.${kind}.subject`, { network: name }),
    text: t(`networks:mail.${kind}.text`, { name: person.name, network: name, url }),
  };
}

export function invitationMail(
  network: Network,
  invitation: {
    email: string;
    lang: UiLanguage;
    link: string;
    expiresAt: Date;
    inviter: string;
    role: Parameters<typeof describeRole>[1];
  },
): Mail {
  const t = translator(invitation.lang);
  const name = networkName(network, invitation.lang);
  const expires = new Intl.DateTimeFormat(invitation.lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  return {
    to: invitation.email,
    subject: t('networks:mail.invitation.subject', { network: name }),
    text: t('networks:mail.invitation.text', {
      inviter: invitation.inviter,
      network: name,
      role: describeRole(t, invitation.role),
      url: invitation.link,
      email: invitation.email,
      expires: `${expires.format(invitation.expiresAt)} UTC`,
    }),
  };
}
