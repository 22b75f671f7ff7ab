// The security headers as the app's middleware sets them, and as answers written without Express take them from it.
import { expect } from 'chai';
import { headersSetBy, securityHeaders } from '../../server/shared/http/security.ts';

/** The flat [name, value, …] list as a map from lower-case names. */
const byName = (head: string[]) =>
  new Map(Array.from({ length: head.length / 2 }, (_, i) => [head[2 * i]!.toLowerCase(), head[2 * i + 1]!]));

describe('headersSetBy', () => {
  it('when read from the security middleware, then the list holds its policy, with the tile server allowed for images', () => {
    const headers = byName(headersSetBy(securityHeaders('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', false)));

    expect(headers.get('content-security-policy')).to.include("default-src 'self'");
    expect(headers.get('content-security-policy')).to.include('https://*.tile.openstreetmap.org');
    expect(headers.get('x-content-type-options')).to.equal('nosniff');
    expect(headers.get('x-frame-options')).to.equal('SAMEORIGIN');
    expect(headers.has('strict-transport-security')).to.equal(false);
  });

  it('when the site is served over https, then the list asks browsers to keep to https', () => {
    const headers = byName(headersSetBy(securityHeaders('/tiles/{z}/{x}/{y}.png', true)));

    expect(headers.get('strict-transport-security')).to.match(/max-age=\d+/);
    expect(headers.get('content-security-policy')).to.include('upgrade-insecure-requests');
  });

  it('when a middleware does not finish at once, then reading its headers fails rather than sending too few', () => {
    expect(() => headersSetBy((_req, res) => res.setHeader('X-Test', '1'))).to.throw(/did not finish/);
  });
});
