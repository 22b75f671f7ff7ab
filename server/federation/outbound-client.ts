// The one HTTP client for every outbound fetch of federation (descriptors, JWKS, feeds): it refuses private,
// loopback and link-local addresses (checked on the resolved address at connect time, and again at every redirect),
// and caps each answer's size and time, so a peer can cost us nothing but a logged error.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress } from './address-guard.ts';

export type OutboundFailure =
  'bad-url' | 'blocked-address' | 'timeout' | 'too-large' | 'too-many-redirects' | 'network';

/** Why a fetch failed, as a code for logs and the peer's health (never shown with the peer's own words). */
export class OutboundError extends Error {
  readonly failure: OutboundFailure;
  constructor(failure: OutboundFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OutboundError';
    this.failure = failure;
  }
}

export interface OutboundLimits {
  /**
   * Which resolved addresses may be connected to: public ones (`isPublicAddress`) unless the instance allows private
   * ones, for local development and tests (`privateAddressesAllowed`).
   */
  allowAddress: (address: string) => boolean;
  /** For the whole fetch, redirects and body included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export interface OutboundRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: Buffer;
  /** Headers made for each URL actually requested (a signature covers the URL, so it is made again per redirect). */
  headersFor?: (url: URL, body: Buffer | undefined) => Promise<Record<string, string>>;
  /** Overrides the client's size cap (a page of a feed may be larger than a descriptor). */
  maxBytes?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
  json(): unknown;
}

/** For local development and tests only: lets fetches reach loopback and private addresses too. */
export const privateAddressesAllowed = (): boolean => true;

export const DEFAULT_LIMITS: OutboundLimits = {
  allowAddress: isPublicAddress,
  timeoutMs: 10_000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 3,
};

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup that answers only addresses the guard allows, so the socket never connects anywhere else. */
const guardedLookup =
  (allowAddress: (address: string) => boolean) =>
  (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const allowed = addresses.filter((a) => allowAddress(a.address));
      if (allowed.length === 0) {
        return callback(new OutboundError('blocked-address', `${hostname} resolves to no allowed address`), '');
      }
      if (options.all) return callback(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export class OutboundClient {
  readonly limits: OutboundLimits;
  constructor(limits: Partial<OutboundLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** Fetches a URL within the limits; throws OutboundError for anything refused or cut off. */
  async fetch(target: string, request: OutboundRequest = {}): Promise<OutboundResponse> {
    const deadline = Date.now() + this.limits.timeoutMs;
    let url = this.checkedUrl(target);
    let method = request.method ?? 'GET';
    let body = request.body;
    for (let hop = 0; ; hop++) {
      const headers = { ...request.headers, ...(await request.headersFor?.(url, body)) };
      const answer = await this.once(url, method, headers, body, deadline, request.maxBytes ?? this.limits.maxBytes);
      const location = answer.headers.location;
      if (!REDIRECTS.has(answer.status) || typeof location !== 'string') return answer;
      if (hop >= this.limits.maxRedirects) throw new OutboundError('too-many-redirects', `more than ${hop} redirects`);
      url = this.checkedUrl(new URL(location, url).toString());
      if (answer.status === 303) {
        method = 'GET';
        body = undefined;
      }
    }
  }

  private checkedUrl(text: string): URL {
    let url: URL;
    try {
      url = new URL(text);
    } catch (error) {
      throw new OutboundError('bad-url', 'not a URL', { cause: error });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('bad-url', 'not http(s)');
    if (url.username || url.password) throw new OutboundError('bad-url', 'credentials in the URL');
    // A literal address never goes through the lookup, so it is checked here.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !this.limits.allowAddress(host)) {
      throw new OutboundError('blocked-address', `${host} is not an allowed address`);
    }
    return url;
  }

  private once(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    deadline: number,
    maxBytes: number,
  ): Promise<OutboundResponse> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new OutboundError('timeout', 'time limit reached'));
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: OutboundError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        reject(error);
      };
      const req = transport.request(url, {
        method,
        headers: { 'user-agent': 'Passerelle', ...headers, ...(body ? { 'content-length': body.length } : {}) },
        lookup: guardedLookup(this.limits.allowAddress),
        // Keep-alive sockets would outlive the limits of the fetch that opened them.
        agent: false,
      });
      const timer = setTimeout(
        () => fail(new OutboundError('timeout', `no full answer in ${this.limits.timeoutMs} ms`)),
        remaining,
      );
      req.on('error', (error) =>
        fail(error instanceof OutboundError ? error : new OutboundError('network', error.message, { cause: error })),
      );
      req.on('response', (res: IncomingMessage) => {
        const declared = Number(res.headers['content-length']);
        if (declared > maxBytes) return fail(new OutboundError('too-large', `answer of ${declared} bytes`));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) return fail(new OutboundError('too-large', `answer over ${maxBytes} bytes`));
          chunks.push(chunk);
        });
        res.on('error', (error) => fail(new OutboundError('network', error.message, { cause: error })));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const bytes = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: bytes,
            url: url.toString(),
            json: () => JSON.parse(bytes.toString('utf8')) as unknown,
          });
        });
      });
      req.end(body);
    });
  }
}
