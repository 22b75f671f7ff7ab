// What applies when a member comes to a place: a port. Passes asks; the access domain (agreements, tariffs, quotas:
// the price engine) answers once it exists, by handing its own `CheckInTerms` to the app instead of the default here.
import type { DayPart, TariffCategory } from '../locations/index.ts';

export interface CheckInQuestion {
  location: { id: string; networkId: string; tariffs: { category: string; amount: number; currency: string }[] };
  /** The visitor as their pass names them: home network and membership category. */
  visitor: { networkId: string; category: string };
  date: string;
  dayPart: DayPart;
  at: Date;
}

/** A translated reason: an i18n key and its values. */
export interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

export type CheckInAnswer =
  | {
      admitted: true;
      tariffCategory: TariffCategory;
      /** Absent when the place has set no price for that category. */
      price?: { amount: number; currency: string };
      /** The agreement between the two networks that applied, when one did. */
      agreementId?: string;
      reason: Reason;
    }
  | { admitted: false; reason: Reason };

export interface CheckInTerms {
  answer(question: CheckInQuestion): Promise<CheckInAnswer>;
}

/**
 * Until agreements between networks exist: a member of the place's own network comes in at the place's `own-member`
 * tariff; anyone else is refused, as no agreement lets them in.
 */
export const ownNetworkTerms: CheckInTerms = {
  answer: ({ location, visitor }) => {
    if (visitor.networkId !== location.networkId) {
      return Promise.resolve({ admitted: false, reason: { key: 'passes:reason.noAgreement' } });
    }
    const tariff = location.tariffs.find((t) => t.category === 'own-member');
    return Promise.resolve({
      admitted: true,
      tariffCategory: 'own-member',
      ...(tariff ? { price: { amount: tariff.amount, currency: tariff.currency } } : {}),
      reason: { key: 'passes:reason.ownMember' },
    });
  },
};
