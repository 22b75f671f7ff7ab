// Requests to a peer through the one outbound client, signed with this instance's request key where they ask for
// what is not public.
import { instanceKeys } from '../keys/index.ts';
import type { OutboundClient, OutboundRequest, OutboundResponse } from './outbound-client.ts';
import { signRequest } from './http-signature.ts';

export async function signedFetch(
  client: OutboundClient,
  url: string,
  request: Omit<OutboundRequest, 'headersFor'> = {},
): Promise<OutboundResponse> {
  const key = await instanceKeys.signingKey('request');
  return client.fetch(url, {
    ...request,
    // Made again for each URL actually asked for: a signature covers the target URI.
    headersFor: (target, body) => signRequest({ method: request.method ?? 'GET', url: target.toString(), body }, key),
  });
}
