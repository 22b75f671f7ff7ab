// Answers the networks domain's NetworkAgreements port: a network's agreements in force or suspended, for its page.
import type { NetworkAgreements } from '../networks/index.ts';
import { translator } from '../shared/i18n/i18n.ts';
import { isUiLanguage } from '../shared/i18n/languages.ts';
import { networkRefs } from './agreement-view.ts';
import { grantsOf, liveAgreementsOf } from './price.service.ts';
import { grantSummary } from './price-view.ts';

export const networkAgreements: NetworkAgreements = {
  async liveOf(networkId, lang) {
    const agreements = await liveAgreementsOf(networkId);
    const refs = await networkRefs(
      agreements.flatMap((a) => a.networks),
      lang,
    );
    const t = translator(isUiLanguage(lang) ? lang : 'en');
    return agreements.map((agreement) => {
      const partner = agreement.networks.find((n) => n.toString() !== networkId);
      const grants = grantsOf([agreement]);
      return {
        href: `/agreements/${agreement._id.toString()}`,
        partner: (partner && refs.get(partner.toString())?.name) ?? '',
        status: agreement.status,
        terms: grants.map((g) =>
          t('access:network.direction', {
            host: refs.get(g.hostNetworkId)?.name ?? '',
            guest: refs.get(g.guestNetworkId)?.name ?? '',
            terms: grantSummary(g, t),
          }),
        ),
      };
    });
  },
};
