// Two instances, two processes, two databases, on loopback: each trusts the other, and a location created, edited
// and deleted on one appears, changes and vanishes on the other, shown as listed by its origin.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'chai';
import { LocationModel, type Location } from '../../../server/locations/location.model.ts';
import { clearDatabase } from '../../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../../support/fixtures.ts';
import { freePort } from '../../support/npm-start.ts';
import { testDatabaseUri } from '../../support/root-hooks.ts';

const PLACE = 'lavallee-bruxelles';

/** The test database's URI with another database name: the second instance's own database on the same server. */
function otherDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

async function startInstance(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['server/start.ts'], {
    env: {
      ...process.env,
      TZ: 'UTC',
      DEMO_DATA: 'false',
      // At info, so the line saying it listens is written.
      LOG_LEVEL: 'info',
      TUNING: 'off',
      FEDERATION_ALLOW_PRIVATE_ADDRESSES: 'true',
      FEDERATION_POLL_MS: '300',
      DIRECTORY_POLL_MS: '200',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.TEST_INSTANCE_LOGS) process.stderr.write(chunk);
      if (output.includes('Passerelle is running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`an instance exited (${code}) before it listened`)));
  });
  return child;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('two federated instances (integration)', function () {
  this.timeout(120_000);
  let a: ChildProcess | undefined;
  let b: ChildProcess | undefined;
  let aUrl: string;
  let bUrl: string;

  before(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    await insertPlaces(realPlace(networks, PLACE, { status: 'published' }));
    const [aPort, bPort] = [await freePort(), await freePort()];
    aUrl = `http://127.0.0.1:${aPort}`;
    bUrl = `http://127.0.0.1:${bPort}`;
    [a, b] = await Promise.all([
      startInstance({
        PORT: String(aPort),
        MONGODB_URI: testDatabaseUri(),
        INSTANCE_NAME: 'Smart BE',
        FEDERATION_TRUSTED_PEERS: bUrl,
      }),
      startInstance({
        PORT: String(bPort),
        MONGODB_URI: otherDatabase(testDatabaseUri(), `passerelle_peer_${process.pid}`),
        INSTANCE_NAME: 'Smart FR',
        FEDERATION_TRUSTED_PEERS: aUrl,
      }),
    ]);
  });

  after(async () => {
    for (const child of [a, b]) {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    }
    await clearDatabase();
  });

  /** The place as instance B lists it: its page's address, found through B's directory search. */
  async function onB(name: string): Promise<string | undefined> {
    const res = await fetch(`${bUrl}/?q=${encodeURIComponent(name)}`);
    const html = await res.text();
    if (!html.includes(name)) return undefined;
    return /href="(\/locations\/[a-z0-9-]+)[^"]*"/.exec(html)?.[1];
  }

  it('when a location is created, edited and deleted on A, then B shows it listed by A, changed, then no more', async function () {
    const original = await LocationModel.findOne({ slug: PLACE }).lean<Location>().orFail();
    const name = original.name.fr ?? original.name.en ?? Object.values(original.name)[0]!;
    const path = await eventually('the place on B', () => onB(name));
    const page = await (await fetch(`${bUrl}${path}`)).text();
    expect(page).to.include('Listed by Smart BE');
    const list = await (await fetch(`${bUrl}/?q=${encodeURIComponent(name)}`)).text();
    expect(list).to.include('Listed by Smart BE');

    await LocationModel.updateOne({ _id: original._id }, { $set: { 'name.fr': 'LaVallée rénovée', language: 'fr' } });
    await eventually('the edit on B', async () => ((await onB('LaVallée rénovée')) ? true : undefined));

    await LocationModel.deleteOne({ _id: original._id });
    await eventually('the deletion on B', async () => {
      const res = await fetch(`${bUrl}${path}`);
      return res.status === 404 ? true : undefined;
    });
  });
});
