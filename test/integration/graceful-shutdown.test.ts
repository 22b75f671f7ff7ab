// SIGTERM with writes in flight: each either completes with its audit entry and a 2xx, or is not stored and gets an
// error; never both. The server runs as `npm start` runs it, against the test run's database.
import http from 'node:http';
import { expect } from 'chai';
import type { Types } from 'mongoose';
import { AuditModel } from '../../server/audit/audit.model.ts';
import { LocationModel } from '../../server/locations/location.model.ts';
import { createApiToken } from '../support/authorization-world.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks } from '../support/fixtures.ts';
import { NEW_SMART_PLACE } from '../support/location-form.ts';
import { createPerson } from '../support/people.ts';
import { startLikeNpmStart } from '../support/npm-start.ts';

const WRITES = 16;

interface Outcome {
  name: string;
  /** 0 when the request got no answer (its connection was refused or cut). */
  status: number;
}

/** Sends a write; `sent` settles once the whole request has left, `answer` once it is answered or has failed. */
function sendWrite(port: number, token: string, name: string, agent: http.Agent) {
  let flushed!: () => void;
  const sent = new Promise<void>((resolve) => (flushed = resolve));
  const answer = new Promise<Outcome>((resolve) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/locations',
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ name, status: res.statusCode ?? 0 }));
        res.on('error', () => resolve({ name, status: 0 }));
      },
    );
    request.on('error', () => {
      flushed();
      resolve({ name, status: 0 });
    });
    request.on('finish', flushed);
    request.end(JSON.stringify({ ...NEW_SMART_PLACE, name: { fr: name }, status: 'published' }));
  });
  return { sent, answer };
}

describe('graceful shutdown (integration)', function () {
  this.timeout(120_000);

  it('when SIGTERM comes with writes in flight, then each either completes with its audit entry and a 2xx, or is not stored and gets an error', async () => {
    await clearDatabase();
    const networks = await createNetworks();
    const admin: { id: Types.ObjectId } = await createPerson({
      name: 'Nora Netwerk',
      email: 'nora@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    const { token } = await createApiToken(admin.id, 'sync');
    const { launcher: server, port } = await startLikeNpmStart();
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));

    // A keep-alive connection left idle, as browsers leave them: the shutdown must not wait for it.
    const agent = new http.Agent({ keepAlive: true });
    const warm = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(warm.status).to.equal(200);
    await new Promise<void>((resolve) =>
      http.get({ host: '127.0.0.1', port, path: '/healthz', agent }, (res) => res.resume().on('end', resolve)),
    );

    const writes = Array.from({ length: WRITES }, (_, i) => sendWrite(port, token, `Shutdown place ${i}`, agent));
    await Promise.all(writes.map((w) => w.sent));
    server.kill('SIGTERM');
    const outcomes = await Promise.all(writes.map((w) => w.answer));
    expect(await exited).to.equal(0);
    agent.destroy();

    const stored = await LocationModel.find({ 'name.fr': /^Shutdown place / }).lean();
    const storedByName = new Map(stored.map((l) => [(l.name as Record<string, string>).fr, l._id.toString()]));
    const audited = new Set(
      (await AuditModel.find({ action: 'location.create' }).lean()).map((entry) => entry.entityId),
    );
    for (const { name, status } of outcomes) {
      if (status >= 200 && status < 300) {
        expect(storedByName.has(name), `${name} answered ${status} but not stored`).to.equal(true);
      } else {
        expect(storedByName.has(name), `${name} answered ${status} yet stored`).to.equal(false);
      }
    }
    for (const id of storedByName.values()) expect(audited, `location ${id} without its audit entry`).to.include(id);
    // Requests that had arrived were finished rather than cut off.
    expect(outcomes.filter((o) => o.status === 201).length).to.be.greaterThan(0);
    expect(outcomes.every((o) => o.status === 201 || o.status === 0 || o.status === 503)).to.equal(true);
  });
});
