// What the composition root hands to each domain's routes.
import type { Config } from './config/index.js';
import type { Mailer } from './mail/index.js';
import type { NetworkLocations } from './networks/index.js';
import type { Logger } from './shared/logging/logger.js';

export interface RouteContext {
  config: Config;
  logger: Logger;
  mailer: Mailer;
  /** Locations as networks see them: answered by the locations domain, which builds on networks. */
  networkLocations: NetworkLocations;
}
