// This instance's own descriptor (`GET /.well-known/passerelle`): what a peer reads before its admin approves us.
import { readFileSync } from 'node:fs';
import type { Config } from '../config/index.ts';
import { UI_LANGUAGES } from '../shared/i18n/languages.ts';
import { PROTOCOL_VERSION, type Descriptor } from './peer.schemas.ts';

const SOFTWARE_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** The feed kinds this instance serves; events and agreements join when their domains publish feeds. */
export const FEED_PATH = '/federation/v1/feeds';

export function ourDescriptor(config: Config, feedKinds: readonly string[]): Descriptor {
  const base = config.baseUrl;
  return {
    name: config.INSTANCE_NAME,
    software: { name: 'Passerelle', version: SOFTWARE_VERSION },
    protocolVersion: PROTOCOL_VERSION,
    feeds: Object.fromEntries(feedKinds.map((kind) => [kind, `${base}${FEED_PATH}/${kind}`])),
    jwksUrl: `${base}/.well-known/jwks.json`,
    languages: [...UI_LANGUAGES],
    licence: config.FEDERATION_DATA_LICENCE,
  };
}
