// The engine's answer in words: its reason code and numbers become one sentence in the reader's language.
import type { TFunction } from 'i18next';
import type { Formatters } from '../shared/i18n/formatters.ts';
import type { Grant } from './grant-terms.ts';
import { AGREEMENT_REFUSALS, type PriceAnswer } from './price-engine.ts';

/** Network names by id, in the reader's language. */
export type NetworkNames = Map<string, string>;

const monthName = new Map<string, Intl.DateTimeFormat>();

/** "March" for `2026-03`, in the reader's language. */
export function monthOf(lang: string, month: string): string {
  let format = monthName.get(lang);
  if (!format) monthName.set(lang, (format = new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' })));
  return format.format(new Date(`${month}-01T00:00:00Z`));
}

/** How the answer reads at a glance: a colour class, always with the words beside it. */
export type Tone = 'free' | 'reduced' | 'full' | 'none';

export interface PriceWords {
  price?: string;
  text: string;
  tone: Tone;
}

export function priceWords(
  answer: PriceAnswer,
  ctx: { t: TFunction; display: Formatters; lang: string; names: NetworkNames; hostId: string },
): PriceWords {
  const { t, display, lang, names } = ctx;
  const price =
    answer.amount === undefined
      ? undefined
      : answer.amount === 0
        ? t('access:price.free')
        : display.money(answer.amount, answer.currency ?? 'EUR');
  const host = names.get(ctx.hostId) ?? '';
  const terms = termsText(answer, t);
  if (!answer.access) {
    if (answer.reason === 'not-offered') return { text: t('access:reason.not-offered'), tone: 'none' };
    const why = AGREEMENT_REFUSALS.has(answer.reason) ? `${t(`access:reason.${answer.reason}`, { host })} ` : '';
    return { text: `${why}${t('access:reason.not-public')}`, tone: 'none' };
  }
  if (AGREEMENT_REFUSALS.has(answer.reason)) {
    return {
      price,
      text: `${t(`access:reason.${answer.reason}`, { host })} ${t('access:reason.publicPrice', { price })}`,
      tone: 'full',
    };
  }
  if (answer.reason === 'public') return { price, text: t('access:reason.public', { price }), tone: 'full' };
  const via = answer.via;
  if (answer.reason === 'own-member' && via?.kind === 'membership') {
    const network = names.get(via.networkId) ?? '';
    const category = t(`location:category.${answer.tariffCategory ?? 'own-member'}`);
    return { price, text: t('access:reason.own-member', { network, category, price }), tone: 'reduced' };
  }
  if (via?.kind !== 'agreement') return { price, text: t('access:reason.public', { price }), tone: 'full' };
  const guest = names.get(via.guestNetworkId) ?? '';
  const quota = answer.quota;
  const month = quota ? monthOf(lang, quota.month) : '';
  if (answer.reason === 'agreement-quota-used') {
    return {
      price,
      text: `${t('access:reason.quota-used', { guest, host, price, included: quota?.included ?? 0, month })}${terms}`,
      tone: 'full',
    };
  }
  const key = answer.discountPercent !== undefined ? 'agreement-discount' : 'agreement';
  const main = t(`access:reason.${key}`, { guest, host, price, percent: answer.discountPercent });
  const left = quota ? ` ${t('access:reason.left', { left: quota.left, included: quota.included, month })}` : '';
  return { price, text: `${main}${left}${terms}`, tone: answer.amount === 0 ? 'free' : 'reduced' };
}

function termsText(answer: PriceAnswer, t: TFunction): string {
  const parts: string[] = [];
  if (answer.bookingRequired) {
    parts.push(
      answer.noticeHours
        ? t('access:terms.bookAhead', { hours: answer.noticeHours })
        : t('access:terms.bookingRequired'),
    );
  }
  if (answer.hostApproves) parts.push(t('access:terms.hostApproves'));
  return parts.length ? ` ${parts.join(' ')}` : '';
}

/** What a grant gives, in one line: "free, 4 day-parts a month" or "20 % off the public price". */
export function grantSummary(grant: Pick<Grant, 'terms'>, t: TFunction): string {
  const terms = grant.terms;
  const level =
    terms.level === 'discount'
      ? t('access:level.discountPercent', { percent: terms.discountPercent ?? 0 })
      : t(`access:level.${terms.level}`);
  const quota =
    terms.monthlyQuota != null && terms.level !== 'public-rate'
      ? `, ${t('access:grant.quota', { quota: terms.monthlyQuota })}`
      : '';
  return `${level}${quota}`;
}
