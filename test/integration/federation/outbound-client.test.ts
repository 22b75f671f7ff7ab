// The outbound client's guard and limits, against a real HTTP server on loopback.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { isPublicAddress } from '../../../server/federation/address-guard.ts';
import { OutboundClient, OutboundError, type OutboundFailure } from '../../../server/federation/outbound-client.ts';

async function failure(promise: Promise<unknown>): Promise<OutboundFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OutboundError) return error.failure;
    throw error;
  }
  throw new Error('the fetch succeeded');
}

describe('outbound client (integration)', function () {
  let server: Server;
  let base: string;
  before(async () => {
    server = createServer((req, res) => {
      if (req.url === '/ok') return void res.end('{"ok":true}');
      if (req.url === '/big') return void res.end('x'.repeat(5000));
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
      if (req.url === '/to-other-loopback') {
        res.writeHead(302, { location: `http://127.0.0.2:${(server.address() as AddressInfo).port}/ok` });
        return void res.end();
      }
      if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' });
        return void res.end();
      }
      res.writeHead(302, { location: '/ok' });
      res.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('when the address is public or private, then only public unicast addresses pass the guard', function () {
    const verdicts = Object.fromEntries(
      [
        '8.8.8.8',
        '2a00:1450:4007:80e::200e',
        '127.0.0.1',
        '10.1.2.3',
        '172.20.0.1',
        '192.168.1.1',
        '169.254.169.254',
        '100.64.0.1',
        '0.0.0.0',
        '::1',
        '::',
        'fd00::1',
        'fe80::1',
        '::ffff:127.0.0.1',
        '::ffff:7f00:1',
        '::ffff:8.8.8.8',
        'not an address',
      ].map((a) => [a, isPublicAddress(a)]),
    );
    expect(verdicts).to.deep.equal({
      '8.8.8.8': true,
      '2a00:1450:4007:80e::200e': true,
      '127.0.0.1': false,
      '10.1.2.3': false,
      '172.20.0.1': false,
      '192.168.1.1': false,
      '169.254.169.254': false,
      '100.64.0.1': false,
      '0.0.0.0': false,
      '::1': false,
      '::': false,
      'fd00::1': false,
      'fe80::1': false,
      '::ffff:127.0.0.1': false,
      '::ffff:7f00:1': false,
      '::ffff:8.8.8.8': true,
      'not an address': false,
    });
  });

  it('when private addresses are not allowed, then a loopback address or a name for one is refused before connecting', async function () {
    const client = new OutboundClient();
    expect(await failure(client.fetch(`${base}/ok`))).to.equal('blocked-address');
    const port = (server.address() as AddressInfo).port;
    expect(await failure(client.fetch(`http://localhost:${port}/ok`))).to.equal('blocked-address');
    expect(await failure(client.fetch(`http://[::ffff:127.0.0.1]:${port}/ok`))).to.equal('blocked-address');
  });

  it('when a redirect leads to an address not allowed, then it is refused too', async function () {
    const client = new OutboundClient({ allowAddress: (a) => a === '127.0.0.1' });
    expect((await client.fetch(`${base}/redirect`)).json()).to.deep.equal({ ok: true });
    expect(await failure(client.fetch(`${base}/to-other-loopback`))).to.equal('blocked-address');
    expect(await failure(client.fetch(`${base}/loop`))).to.equal('too-many-redirects');
  });

  it('when an answer is too large or too slow, then the fetch is cut off', async function () {
    const client = new OutboundClient({ allowAddress: () => true, maxBytes: 1000, timeoutMs: 300 });
    expect(await failure(client.fetch(`${base}/big`))).to.equal('too-large');
    expect(await failure(client.fetch(`${base}/slow`))).to.equal('timeout');
    expect(await failure(client.fetch('file:///etc/passwd'))).to.equal('bad-url');
  });
});
