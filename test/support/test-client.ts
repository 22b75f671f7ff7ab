// A cookie-keeping HTTP client for integration tests: signs in like a person and sends forms with their CSRF token.
import { expect } from 'chai';
import { TEST_PASSWORD } from './people.ts';
import type { TestApp } from './test-app.ts';

export class TestClient {
  private readonly cookies = new Map<string, string>();

  private readonly app: TestApp;
  /** Sent with every request, e.g. the X-Forwarded-For a proxy would add. */
  private readonly headers: Record<string, string>;
  constructor(app: TestApp, headers: Record<string, string> = {}) {
    this.app = app;
    this.headers = headers;
  }

  /** A client already signed in as the person with this address (and the tests' password). */
  static async signedIn(app: TestApp, email: string, password = TEST_PASSWORD): Promise<TestClient> {
    const client = new TestClient(app);
    await client.login(email, password);
    return client;
  }

  /** Another client holding the same cookies, as someone who copied them would. */
  copy(): TestClient {
    const twin = new TestClient(this.app);
    for (const [name, value] of this.cookies) twin.cookies.set(name, value);
    return twin;
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...Object.fromEntries(new Headers(init.headers)) });
    if (this.cookies.size) headers.set('cookie', this.cookieHeader());
    const res = await fetch(this.app.baseUrl + path, { ...init, headers, redirect: 'manual' });
    this.remember(res);
    return res;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  /** The session's CSRF token, read from a page that carries a form. */
  async csrf(): Promise<string> {
    for (const path of ['/', '/login']) {
      const html = await (await this.get(path)).text();
      const match = /name="_csrf" value="([^"]+)"/.exec(html);
      if (match) return match[1]!;
    }
    throw new Error('no CSRF token found');
  }

  /** Posts a form as a browser would, with the CSRF token unless `csrf: false`. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { csrf?: boolean } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    if (options.csrf !== false) body.append('_csrf', await this.csrf());
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }

  /**
   * Posts a multipart form (a file upload) as the browser sends the photo form: its CSRF token in the action's
   * `?_csrf=`, unless `csrf: false`.
   */
  async upload(
    path: string,
    form: FormData,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const url =
      options.csrf === false
        ? path
        : `${path}${path.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(await this.csrf())}`;
    return this.request(url, { method: 'POST', body: form, headers: options.headers ?? {} });
  }

  /** Sends JSON with the session's CSRF header (as the site's own scripts do). */
  async json(
    method: string,
    path: string,
    body: unknown,
    options: { csrf?: boolean; token?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    else if (options.csrf !== false) headers['x-csrf-token'] = await this.csrf();
    return this.request(path, { method, headers, body: JSON.stringify(body) });
  }

  async login(email: string, password: string): Promise<void> {
    const res = await this.post('/login', { email, password });
    expect(res.status, `login of ${email}`).to.equal(303);
  }
}
