// The database killed under load: what needs it answers a translated 503 with Retry-After, the directory keeps
// serving from memory, the launcher restarts the database, the app reconnects by itself, and nothing confirmed is lost.
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { UserModel } from '../../server/auth/user.model.ts';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { createApiToken } from '../support/authorization-world.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { NEW_SMART_PLACE } from '../support/location-form.ts';
import { localeText } from '../support/locale-text.ts';
import { createPerson } from '../support/people.ts';
import { testDatabaseUri } from '../support/root-hooks.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

/** The embedded FerretDB the test run started (a child of this process), by the port it listens on. */
function databasePid(): number | undefined {
  const listen = `--listen-addr=127.0.0.1:${new URL(testDatabaseUri()).port}`;
  const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').trim().split(/\s+/);
  return children
    .filter(Boolean)
    .map(Number)
    .find((pid) => existsSync(`/proc/${pid}`) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(listen));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe('a database outage (integration)', function () {
  this.timeout(60_000);
  let app: TestApp;
  let secret: string;
  let signedIn: TestClient;

  before(function () {
    // Only the embedded database is ours to kill.
    if (process.env.MONGODB_URI) this.skip();
  });

  beforeEach(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, 'lavallee-bruxelles', { status: 'published' }));
    const admin: { id: Types.ObjectId; email: string } = await createPerson({
      name: 'Nora Netwerk',
      email: 'nora@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    // Her requests are answered in her own language, which comes before what a request's Accept-Language asks.
    await UserModel.updateOne({ _id: admin.id }, { $set: { preferredLanguage: 'nl' } });
    ({ token: secret } = await createApiToken(admin.id, 'sync'));
    app = await startTestApp({ pollMs: 200 });
    signedIn = await TestClient.signedIn(app, admin.email);
  });
  let loading = false;
  let load: Promise<unknown> = Promise.resolve();
  // Whatever the test's outcome, the load stops and the database is back before the next test.
  afterEach(async () => {
    loading = false;
    await load;
    await until('the database back', () => databasePid() !== undefined);
    await until('the app reconnected', async () => (await app.get('/healthz')).status === 200);
    await app?.close();
  });

  let written = 0;
  /** A new location through the API; its name says which write it was, so the database can be asked afterwards. */
  const write = async () => {
    const name = `Outage place ${(written += 1)}`;
    const res = await fetch(`${app.baseUrl}/api/v1/locations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', 'accept-language': 'nl' },
      body: JSON.stringify({ ...NEW_SMART_PLACE, name: { fr: name }, status: 'published' }),
    }).catch((error: unknown) => ({ status: 0, error }) as const);
    const body = 'json' in res ? ((await res.json()) as { error?: { code: string; message: string } }) : undefined;
    return { name, status: res.status, retryAfter: 'headers' in res ? res.headers.get('retry-after') : null, body };
  };
  const mapRead = async () => (await app.get('/api/v1/locations?zoom=5')).status;

  it('when the database is killed under load, then writes get a translated 503 with Retry-After, the directory keeps answering, and after the restart writes succeed and nothing confirmed is lost', async () => {
    const before = databasePid();
    expect(before, 'the embedded database process').to.be.a('number');
    expect((await write()).status).to.equal(201);

    // Load: writes and map reads running while the database is killed.
    loading = true;
    const results: Awaited<ReturnType<typeof write>>[] = [];
    const reads: number[] = [];
    load = Promise.all([
      ...Array.from({ length: 3 }, async () => {
        while (loading) results.push(await write());
      }),
      (async () => {
        while (loading) reads.push(await mapRead());
      })(),
    ]);
    await until('some writes under load', () => results.length >= 3);
    process.kill(before!, 'SIGKILL');
    await until('the database gone', () => !existsSync(`/proc/${before}`) || databasePid() !== before);

    // The launcher waits before restarting it (longer in the tests than the app waits for a server): meanwhile…
    const [duringWrite, duringPage, duringSession, duringHealth, duringMap, duringHome] = await Promise.all([
      write(),
      app.get('/networks?lang=fr'),
      signedIn.get('/me?lang=de'),
      app.get('/healthz'),
      mapRead(),
      app.get('/?lang=nl'),
    ]);

    expect(duringWrite.status).to.equal(503);
    expect(duringWrite.retryAfter).to.match(/^\d+$/);
    expect(duringWrite.body?.error).to.deep.equal({
      code: 'service_unavailable',
      message: localeText('nl', 'errors:serviceUnavailable'),
      details: [],
    });
    expect(duringPage.status).to.equal(503);
    expect(duringPage.headers.get('retry-after')).to.match(/^\d+$/);
    expect(await duringPage.text()).to.include(localeText('fr', 'errors:serviceUnavailable'));
    // A signed-in person's session cannot be read: the page is still the site's translated error page.
    expect(duringSession.status).to.equal(503);
    const sessionPage = await duringSession.text();
    expect(sessionPage).to.match(/<html lang="de">/);
    expect(sessionPage).to.include(localeText('de', 'errors:serviceUnavailable'));
    expect(duringHealth.status).to.equal(503);
    expect(((await duringHealth.json()) as { database: string }).database).to.not.equal('connected');
    expect(duringMap).to.equal(200);
    expect(duringHome.status).to.equal(200);

    // …then it is back, and the app with it, by itself.
    await until('the database restarted', () => databasePid() !== undefined);
    await until('the app reconnected', async () => (await app.get('/healthz')).status === 200);
    loading = false;
    await load;
    const after = await write();
    expect(after.status).to.equal(201);

    const all = [...results, duringWrite, after];
    const statuses = new Set(all.map((r) => r.status));
    expect(
      [...statuses].every((s) => s === 201 || s === 503),
      JSON.stringify([...statuses]),
    ).to.equal(true);
    for (const failed of all.filter((r) => r.status === 503)) expect(failed.retryAfter).to.match(/^\d+$/);
    expect(reads.every((status) => status === 200)).to.equal(true);

    // Nothing confirmed is lost, and no stored location lacks its audit entry.
    const stored = await LocationModel.find({ 'name.fr': /^Outage place / }).lean();
    const storedNames = new Set(stored.map((l) => (l.name as Record<string, string>).fr));
    for (const confirmed of all.filter((r) => r.status === 201)) expect(storedNames).to.include(confirmed.name);
    const audited = new Set(
      (await AuditModel.find({ action: 'location.create' }).lean()).map((entry) => entry.entityId),
    );
    for (const location of stored) expect(audited).to.include(location._id.toString());

    // The directory's follower carried on: the location written after the restart is on the map.
    await until('the new location on the map', async () => {
      const res = await app.get(`/api/v1/locations?zoom=22&q=${encodeURIComponent(after.name)}`);
      return ((await res.json()) as { features: unknown[] }).features.length > 0;
    });
  });
});
