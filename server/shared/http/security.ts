// HTTP security headers, with a content security policy that lets the map load its tiles and nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** The origin pattern CSP needs for a tile URL template: `https://{s}.tile.example.org/…` → `https://*.tile.example.org`. */
export function tileOrigin(tileUrl: string): string | undefined {
  const match = /^(https?:\/\/[^/]+)/.exec(tileUrl.replace('{s}', 'a'));
  if (!match) return undefined; // A relative template is served by ourselves.
  return tileUrl.includes('{s}') ? match[1]!.replace('://a.', '://*.') : match[1];
}

export function securityHeaders(tileUrl: string, secure: boolean) {
  const tiles = tileOrigin(tileUrl);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        // Networks' logos are https addresses of their own choosing.
        'img-src': ["'self'", 'data:', 'https:', ...(tiles ? [tiles] : [])],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  });
}

type HeaderMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers a middleware that only sets headers (as `securityHeaders` does) sets, as node:http's flat list of names
 * and values: answers written without Express send exactly these, taken from the middleware the app mounts.
 */
export function headersSetBy(middleware: HeaderMiddleware): string[] {
  const head: string[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => head.push(name, String(value)),
    removeHeader: () => undefined,
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error instanceof Error ? error : new Error('The header middleware failed', { cause: error });
    finished = true;
  });
  if (!finished) throw new Error('The header middleware did not finish at once');
  return head;
}
