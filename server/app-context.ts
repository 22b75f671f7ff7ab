// What the composition root hands to each domain's routes.
import type { Config } from './config/index.ts';
import type { Mailer } from './mail/index.ts';
import type { NetworkAgreements, NetworkLocations } from './networks/index.ts';
import type { Logger } from './shared/logging/logger.ts';

export interface RouteContext {
  config: Config;
  logger: Logger;
  mailer: Mailer;
  /** Locations as networks see them: answered by the locations domain, which builds on networks. */
  networkLocations: NetworkLocations;
  /** A network's agreements as its page lists them: answered by the access domain, which builds on networks. */
  networkAgreements?: NetworkAgreements;
}
