// Keys: the instance's Ed25519 signing keys (member passes, signed requests between peers). The JWKS route is mounted
// by app.ts.
export {
  instanceKeys,
  KEY_ALGORITHM,
  type InstanceKeys,
  type PublishedKey,
  type SigningKey,
} from './instance-keys.service.ts';
export type { KeyPurpose } from './instance-key.model.ts';
