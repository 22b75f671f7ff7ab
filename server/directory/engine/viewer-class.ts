// Who an answer is for, as far as answers differ between viewers: what the map answer cache keys answers on, besides
// the language and the URL.
import type { Principal } from '../../shared/principal.ts';

/**
 * Viewers who get the same answers. Today the list and the map show every viewer the same places, names and counts,
 * so there is one class, 'public'. "Price for me" and "accessible to my memberships" will make answers depend on the
 * viewer: the class then names what they depend on (for instance the tariff category and the networks of the active
 * memberships, sorted), `viewerClass` computes it from the principal, the answer functions read it, and anonymous
 * viewers (the only ones the map API's fast path serves) stay 'public'.
 */
export type ViewerClass = 'public';

/** The class of every viewer for now; where answers come to depend on the viewer, this is what changes. */
export function viewerClass(_principal: Readonly<Principal>): ViewerClass {
  return 'public';
}
