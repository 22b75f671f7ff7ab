// What applies when a member of a network comes to a place: the price engine's answer for their membership, with
// the agreements the place's network hosts. Answers passes' `CheckInTerms` port (the shapes match; app.ts wires it),
// in place of its default that knew only the place's own network.
import { findNetworkById } from '../networks/index.ts';
import type { DayPartName } from '../locations/index.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import type { MonthlyUse } from './monthly-use.ts';
import { AGREEMENT_REFUSALS, priceFor } from './price-engine.ts';
import { grantsOf, liveAgreementsOf } from './price.service.ts';

interface Question {
  location: { id: string; networkId: string; tariffs: { category: string; amount: number; currency: string }[] };
  visitor: { networkId: string; category: string };
  date: string;
  dayPart: DayPartName;
}

interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

type Answer =
  | {
      admitted: true;
      tariffCategory: 'own-member' | 'partner-member' | 'social-programme' | 'resident' | 'public';
      price?: { amount: number; currency: string };
      agreementId?: string;
      reason: Reason;
    }
  | { admitted: false; reason: Reason };

const nameOf = async (networkId: string) => {
  const network = await findNetworkById(networkId);
  if (!network) return '';
  return pickText(network.name, network.language, ['en'])?.text ?? network.slug;
};

/**
 * The check-in's terms from agreements. Use so far: the guests already booked under an agreement come through
 * `MonthlyUse`; a pass names no account, so the member's own monthly quota is counted when bookings are (a visit
 * without booking does not spend it yet).
 */
export function agreementCheckInTerms(use: MonthlyUse) {
  return {
    async answer(q: Question): Promise<Answer> {
      const hostId = q.location.networkId;
      const grants = grantsOf(await liveAgreementsOf(hostId), hostId).filter(
        (g) => g.guestNetworkId === q.visitor.networkId,
      );
      const guests = new Map<string, number>();
      for (const g of grants) {
        guests.set(g.agreementId, await use.guestsBooked(g.agreementId, q.location.id, q.date, q.dayPart));
      }
      const answer = priceFor({
        memberships: [{ networkId: q.visitor.networkId, category: q.visitor.category }],
        location: { id: q.location.id, networkId: hostId, tariffs: q.location.tariffs },
        date: q.date,
        part: q.dayPart,
        offered: true,
        grants,
        use: { dayPartsUsed: () => 0, guestsBooked: (id) => guests.get(id) ?? 0 },
      });
      if (!answer.access && q.visitor.networkId === hostId) {
        // A place that has set no price for its own members still lets them in: at no price the page can name.
        return { admitted: true, tariffCategory: 'own-member', reason: { key: 'passes:reason.ownMember' } };
      }
      if (!answer.access) {
        if (AGREEMENT_REFUSALS.has(answer.reason)) {
          return {
            admitted: false,
            reason: { key: `access:reason.${answer.reason}`, params: { host: await nameOf(hostId) } },
          };
        }
        return { admitted: false, reason: { key: 'passes:reason.noAgreement' } };
      }
      const price =
        answer.amount !== undefined ? { amount: answer.amount, currency: answer.currency ?? 'EUR' } : undefined;
      const tariffCategory = (answer.tariffCategory ?? 'public') as Extract<
        Answer,
        { admitted: true }
      >['tariffCategory'];
      const via = answer.via;
      if (via?.kind === 'agreement') {
        const [guest, host] = await Promise.all([nameOf(via.guestNetworkId), nameOf(via.hostNetworkId)]);
        return {
          admitted: true,
          // Counted as a partner network's member, whatever tariff the agreement's price was read from.
          tariffCategory: 'partner-member',
          ...(price ? { price } : {}),
          agreementId: via.agreementId,
          reason: { key: 'passes:reason.agreement', params: { guest, host } },
        };
      }
      const key = via?.kind === 'membership' ? 'passes:reason.ownMember' : 'passes:reason.publicRate';
      return { admitted: true, tariffCategory, ...(price ? { price } : {}), reason: { key } };
    },
  };
}
