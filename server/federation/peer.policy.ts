// Who may manage peers: instance admins, and the system itself for the peers trusted by configuration.
import { assertInstanceAdmin } from '../auth/index.ts';
import type { Principal } from '../shared/principal.ts';

export function assertMayManagePeers(principal: Principal): void {
  if (principal.kind === 'system') return;
  assertInstanceAdmin(principal);
}
