// A stand-in peer on loopback: serves a descriptor and a JWKS (and whatever routes a test adds), for adding peers
// and for the follower's tests without a second app.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface FakePeer {
  baseUrl: string;
  name: string;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  fingerprint: string;
  /** Routes tried before the descriptor and JWKS; a handler answers by returning true. */
  handlers: Handler[];
  close(): Promise<void>;
}

export async function startFakePeer(name = 'Smart FR (test)'): Promise<FakePeer> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  const fingerprint = await calculateJwkThumbprint(jwk);
  const kid = `request-${fingerprint.slice(0, 22)}`;
  const publicJwk = { ...jwk, kid, alg: 'EdDSA', use: 'sig' };
  const handlers: Handler[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      for (const handler of handlers) if (await handler(req, res)) return;
      const base = peer.baseUrl;
      if (req.url === '/.well-known/passerelle') {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            name,
            software: { name: 'Passerelle', version: '0.1.0' },
            protocolVersion: 1,
            feeds: {
              locations: `${base}/federation/v1/feeds/locations`,
              networks: `${base}/federation/v1/feeds/networks`,
            },
            jwksUrl: `${base}/.well-known/jwks.json`,
            languages: ['fr', 'en'],
            licence: 'ODbL-1.0',
          }),
        );
        return;
      }
      if (req.url === '/.well-known/jwks.json') {
        res.setHeader('content-type', 'application/jwk-set+json');
        res.end(JSON.stringify({ keys: [publicJwk] }));
        return;
      }
      res.statusCode = 404;
      res.end();
    })();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const peer: FakePeer = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    name,
    kid,
    privateKey,
    publicJwk,
    fingerprint,
    handlers,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return peer;
}
