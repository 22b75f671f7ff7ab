// The pages people open one at a time, beside the directory's 100,000 listings and 10,000 stored sessions: a place page
// (a listed slug and an unknown one), signing in, the home page signed in (a session's first request and later ones),
// the account page, and an API call with a token; each with the share of its time the database took. Requests are
// sent one after another, as one person waits for each.
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Types } from 'mongoose';
import { hashPassword } from '../server/auth/index.ts';
import { ApiTokenModel } from '../server/auth/api-token.model.ts';
import { SESSION_COOKIE } from '../server/auth/session.ts';
import { SessionModel } from '../server/auth/session-store.ts';
import { UserModel } from '../server/auth/user.model.ts';
import { MembershipModel } from '../server/networks/membership.model.ts';
import { hashSecret } from '../server/shared/db/secret-token.ts';
import { percentile } from './load.ts';

export const STORED_SESSIONS = 10_000;
export const UNKNOWN_SLUG_P95_TARGET_MS = 10;
const PASSWORD = 'bench password, long enough';
const SESSION_MS = 14 * 24 * 3600 * 1000;

export interface PeopleWorld {
  /** The app's session secret, so that stored sessions can be presented as their cookies. */
  sessionSecret: string;
  /** Cookie headers of the stored sessions, one per person. */
  sessionCookies: string[];
  emails: string[];
  token: string;
}

/** One person per stored session, each a member of a network; the first holds an API token. */
export async function seedPeople(networkIds: readonly Types.ObjectId[]): Promise<PeopleWorld> {
  // A database reused from an earlier run (BENCH_DB_DIR) holds its people already.
  await UserModel.deleteMany({});
  await MembershipModel.deleteMany({});
  await SessionModel.deleteMany({});
  await ApiTokenModel.deleteMany({});
  const sessionSecret = randomBytes(32).toString('base64url');
  const passwordHash = await hashPassword(PASSWORD);
  const emails: string[] = [];
  const users = Array.from({ length: STORED_SESSIONS }, (_, i) => {
    const email = `person-${i}@bench.example.org`;
    emails.push(email);
    return { name: `Bench person ${i}`, email, passwordHash, pseudonym: `Person ${i}` };
  });
  const inserted = await UserModel.insertMany(users);
  await MembershipModel.insertMany(
    inserted.map((user, i) => ({
      user: user._id,
      network: networkIds[i % networkIds.length],
      status: 'active',
      category: 'member',
      networkAdmin: i === 0,
    })),
  );
  const expires = new Date(Date.now() + SESSION_MS);
  const sessions = inserted.map((user) => ({
    _id: randomBytes(24).toString('base64url'),
    userId: user._id.toString(),
    expiresAt: expires,
    data: JSON.stringify({
      cookie: { originalMaxAge: SESSION_MS, expires, httpOnly: true, path: '/', sameSite: 'lax', secure: false },
      passport: { user: user._id.toString() },
    }),
  }));
  await SessionModel.insertMany(sessions);
  const token = `psl_bench${randomBytes(16).toString('base64url')}`;
  await ApiTokenModel.create({
    user: inserted[0]!._id,
    name: 'bench',
    tokenHash: hashSecret(token),
    prefix: token.slice(0, 12),
  });
  return {
    sessionSecret,
    sessionCookies: sessions.map((s) => sessionCookie(s._id, sessionSecret)),
    emails,
    token,
  };
}

/** A session id as express-session signs it in its cookie. */
function sessionCookie(sid: string, secret: string): string {
  const signature = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${signature}`)}`;
}

interface Answer {
  status: number;
  body: string;
  setCookie: string[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.headers,
        // A fresh connection from another loopback address: the login limits count per address.
        ...(options.localAddress ? { localAddress: options.localAddress, agent: false } : { agent }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            setCookie: response.headers['set-cookie'] ?? [],
          }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** A request the scenario times, made ready by untimed steps before it (e.g. fetching the login form). */
type Timed = () => Promise<Answer>;
type Step = (i: number) => Timed | Promise<Timed>;

export interface PeopleScenario {
  id: string;
  what: string;
  requests: number;
  expectStatus: number;
  step: Step;
}

export interface PeopleRun {
  id: string;
  what: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  /** The database's time during the timed requests over their latency, summed. */
  dbShare: number;
  /** Database commands per request. */
  commandsPerRequest: number;
}

/** `mapPath`: a map view, asked for with the token (through Express: the fast path is for anonymous requests). */
export function peopleScenarios(
  world: PeopleWorld,
  port: number,
  listedSlugs: readonly string[],
  mapPath: string,
): PeopleScenario[] {
  const get =
    (path: string, headers: Record<string, string> = {}) =>
    () =>
      send(port, path, { headers });
  const warm = world.sessionCookies.slice(0, 20);
  /** "Later requests": each session has had its first one, untimed. */
  const later = async (i: number, path: string) => {
    const cookie = warm[i % warm.length]!;
    if (i < warm.length) await send(port, path, { headers: { cookie } });
    return get(path, { cookie });
  };
  return [
    {
      id: 'place-unknown',
      what: 'Place page, unknown slug (404)',
      requests: 300,
      expectStatus: 404,
      step: (i) => get(`/locations/no-such-place-${i}`),
    },
    {
      id: 'place-known',
      what: 'Place page, listed slug',
      requests: 40,
      expectStatus: 200,
      step: (i) => get(`/locations/${listedSlugs[(i * 7919) % listedSlugs.length]}`),
    },
    {
      id: 'login',
      what: 'Signing in (POST /login, scrypt included)',
      requests: 60,
      expectStatus: 303,
      step: async (i) => {
        const localAddress = `127.0.2.${(i % 250) + 1}`;
        const form = await send(port, '/login', { localAddress });
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
        const cookie = form.setCookie.map((c) => c.split(';')[0]).join('; ');
        const body = new URLSearchParams({ _csrf: csrf, email: world.emails[i]!, password: PASSWORD }).toString();
        return () =>
          send(port, '/login', {
            method: 'POST',
            localAddress,
            body,
            headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          });
      },
    },
    {
      id: 'signed-in-first',
      what: 'Home page signed in, a session’s first request',
      requests: 100,
      expectStatus: 200,
      step: (i) => get('/', { cookie: world.sessionCookies[100 + i]! }),
    },
    {
      id: 'signed-in-later',
      what: 'Home page signed in, later requests',
      requests: 300,
      expectStatus: 200,
      step: (i) => later(i, '/'),
    },
    {
      id: 'account-page',
      what: 'Account page (/me), later requests',
      requests: 100,
      expectStatus: 200,
      step: (i) => later(i, '/me'),
    },
    {
      id: 'token-api',
      what: 'Map API call with a token (zoom 12, Brussels)',
      requests: 300,
      expectStatus: 200,
      step: () => get(mapPath, { authorization: `Bearer ${world.token}` }),
    },
  ];
}

/** Runs a scenario; `databaseMs` asks the app how long the database has worked so far, and how many commands. */
export async function runPeopleScenario(
  scenario: PeopleScenario,
  databaseMs: () => Promise<{ ms: number; commands: number }>,
): Promise<PeopleRun> {
  const latencies: number[] = [];
  let dbMs = 0;
  let commands = 0;
  for (let i = 0; i < scenario.requests; i += 1) {
    const request = await scenario.step(i);
    const before = await databaseMs();
    const started = performance.now();
    const answer = await request();
    latencies.push(performance.now() - started);
    const after = await databaseMs();
    if (answer.status !== scenario.expectStatus) {
      throw new Error(
        `${scenario.id}: expected ${scenario.expectStatus}, got ${answer.status}: ${answer.body.slice(0, 200)}`,
      );
    }
    dbMs += after.ms - before.ms;
    commands += after.commands - before.commands;
  }
  const sorted = Float64Array.from(latencies).sort();
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  return {
    id: scenario.id,
    what: scenario.what,
    requests: scenario.requests,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1]!,
    dbShare: total > 0 ? dbMs / total : 0,
    commandsPerRequest: commands / scenario.requests,
  };
}
