// What the composition root hands to each domain's routes.
import type { Config } from './config/index.ts';
import type { ListedPlaces } from './locations/index.ts';
import type { Mailer } from './mail/index.ts';
import type { NetworkAgreements, NetworkLocations } from './networks/index.ts';
import type { CheckInTerms } from './passes/index.ts';
import type { Logger } from './shared/logging/logger.ts';

export interface RouteContext {
  config: Config;
  logger: Logger;
  mailer: Mailer;
  /** Locations as networks see them: answered by the locations domain, which builds on networks. */
  networkLocations: NetworkLocations;
  /** Which places the directory lists: answered from its memory, so an unknown slug costs no database read. */
  listedPlaces: ListedPlaces;
  /**
   * What applies when a member comes to a place (admitted or not, category, price): declared by passes, answered by
   * the access domain's price engine (`agreementCheckInTerms`).
   */
  checkInTerms: CheckInTerms;
  /** A network's agreements as its page lists them: answered by the access domain, which builds on networks. */
  networkAgreements?: NetworkAgreements;
}
