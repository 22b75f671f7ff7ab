// HTTP security headers, with a content security policy that lets the map load its tiles and nothing else.
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
