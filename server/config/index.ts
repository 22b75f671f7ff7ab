// Configuration: read from the environment once, validated and frozen at start-up.
import { isIP, isIPv4 } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Unset and empty both mean "not configured". */
const optionalUrl = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.url().optional());

/** The names Express (proxy-addr) gives to ranges of addresses. */
const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a named range, or a subnet as `address/prefix-length` or (IPv4) `address/netmask`. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_SUBNETS.has(entry) || isIP(entry)) return true;
  const [address = '', mask, ...rest] = entry.split('/');
  const version = isIP(address);
  if (!version || mask === undefined || rest.length) return false;
  if (/^\d{1,3}$/.test(mask)) return Number(mask) <= (version === 4 ? 32 : 128);
  return version === 4 && isIPv4(mask);
}

/**
 * Whose X-Forwarded-For is believed, as Express's `trust proxy` takes it: `false` (the peer's own address counts),
 * `true` (the header's first address, whoever sent it), a number of proxy hops, or the proxies' addresses and subnets.
 */
const trustProxy = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z
    .string()
    .default('false')
    .transform((value, ctx): boolean | number | string[] => {
      const text = value.trim().toLowerCase();
      if (text === 'false') return false;
      if (text === 'true') return true;
      if (/^\d{1,2}$/.test(text)) return Number(text);
      const entries = text.split(',').map((entry) => entry.trim());
      if (entries.every(isProxyAddress)) return entries;
      ctx.addIssue({
        code: 'custom',
        message: 'false, true, a hop count, or addresses, subnets, loopback, linklocal, uniquelocal (comma-separated)',
      });
      return z.NEVER;
    }),
);

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  MONGODB_URI: optionalUrl,
  DATA_DIR: z.string().default('./data'),
  BASE_URL: optionalUrl,
  TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  /** Unset: OpenStreetMap's attribution in the reader's language (common:map.tileAttribution). */
  TILE_ATTRIBUTION: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  TRUST_PROXY: trustProxy,
  DIRECTORY_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** The process tuning of shared/runtime/tuning.ts: on, or off to run Node, V8 and glibc with their defaults. */
  TUNING: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  /** Past this RSS, V8 is asked to return the memory it keeps pooled (0: never); see shared/runtime/tuning.ts. */
  MEMORY_SOFT_LIMIT_MB: z.coerce.number().int().min(0).default(384),
  FERRETDB_BIN: z.string().optional(),
  /** Signs session cookies; must be set (32+ characters) outside development and tests. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** SMTP server for mail, e.g. smtp://user:pass@mail.example.org:587; unset: mail goes to the local outbox. */
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().default('Passerelle <no-reply@passerelle.invalid>'),
  /** Lets federation fetch loopback and private addresses: for two instances on one machine and tests only. */
  FEDERATION_ALLOW_PRIVATE_ADDRESSES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** How often each approved peer's feeds are pulled (a failing peer is retried later, doubling up to an hour). */
  FEDERATION_POLL_MS: z.coerce.number().int().min(200).max(86_400_000).default(60_000),
  /** After this long without a successful pull, a peer's records are shown as stale (never deleted silently). */
  FEDERATION_STALE_AFTER_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 365)
    .default(72),
  /** Peers this instance adds and approves by itself at start (base URLs, comma-separated); others via /admin/peers. */
  FEDERATION_TRUSTED_PEERS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((url) => url.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  /** The instance's name in its descriptor (`/.well-known/passerelle`). */
  INSTANCE_NAME: z.string().trim().min(1).max(120).default('Passerelle'),
  /** The licence of the listings this instance shares with peers, as its descriptor states it. */
  FEDERATION_DATA_LICENCE: z.string().trim().min(1).max(200).default('ODbL-1.0'),
});

export type Config = Readonly<
  Omit<z.infer<typeof configSchema>, 'SESSION_SECRET'> & { dataDir: string; baseUrl: string; sessionSecret: string }
>;

/** Only for development and tests; production refuses to start without its own secret. */
const DEVELOPMENT_SESSION_SECRET = 'passerelle-development-secret-not-for-production';

/** Parses an environment (process.env by default); throws a readable error listing every bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const baseUrl = (c.BASE_URL ?? `http://${c.HOST}:${c.PORT}`).replace(/\/$/, '');
  if (c.NODE_ENV === 'production' && !c.SESSION_SECRET) {
    throw new Error('Invalid configuration:\n  SESSION_SECRET: required in production (32 characters or more)');
  }
  const { SESSION_SECRET, ...rest } = c;
  return Object.freeze({
    ...rest,
    dataDir: path.resolve(c.DATA_DIR),
    baseUrl,
    sessionSecret: SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
  });
}
