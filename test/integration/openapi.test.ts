// The OpenAPI description: it names every /api/ route the app has (the router is walked), and real answers of the
// API validate against it.
import { expect } from 'chai';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildApp } from '../../server/app.ts';
import type { OpenApiDocument } from '../../server/opendata/openapi/openapi-document.ts';
import { walkRoutes } from '../support/app-routes.ts';
import { clearDatabase } from '../support/database.ts';
import { createNetworks, insertPlaces, realPlace } from '../support/fixtures.ts';
import { NEW_SMART_PLACE } from '../support/location-form.ts';
import { createPerson } from '../support/people.ts';
import { testLogger } from '../support/root-hooks.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { TestClient } from '../support/test-client.ts';

const toOpenApi = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('OpenAPI description (integration)', function () {
  let app: TestApp;
  let document: OpenApiDocument;
  let admin: TestClient;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });

  before(async () => {
    await clearDatabase();
    const networks = await createNetworks();
    app = await startTestApp();
    await insertPlaces(
      realPlace(networks, 'over-entinghe-dwingeloo'),
      realPlace(networks, (d) => d.address.countryCode === 'BE'),
    );
    await app.directory.follower.poll();
    await createPerson({
      name: 'Ada Admin',
      email: 'ada@example.org',
      memberships: [{ network: networks.get('smart-be')!, networkAdmin: true }],
    });
    admin = await TestClient.signedIn(app, 'ada@example.org');
    document = (await (await app.get('/api/v1/openapi.json')).json()) as OpenApiDocument;
  });
  after(async () => {
    await app?.close();
    await clearDatabase();
  });

  /** Validates an answer against the schema the description gives its route and status. */
  async function expectConforms(method: string, route: string, response: Response) {
    const operation = document.paths[toOpenApi(route)]?.[method as 'get'];
    expect(operation, `${method} ${route} is described`).to.not.equal(undefined);
    const described = (operation!.responses as Record<string, { content?: Record<string, { schema: object }> }>)[
      String(response.status)
    ];
    expect(described, `${method} ${route} answers ${response.status}, which is described`).to.not.equal(undefined);
    const schema = Object.values(described!.content ?? {})[0]?.schema;
    if (!schema) return;
    const validate = ajv.compile(schema);
    const body: unknown = await response.json();
    expect(validate(body), `${method} ${route}: ${ajv.errorsText(validate.errors)}`).to.equal(true);
  }

  it('when the app’s router is walked, then every /api/ route is in the description', () => {
    const routes = walkRoutes(buildApp({ config: app.config, logger: testLogger, directory: app.directory }).express);
    const missing = routes
      .filter((r) => r.path.startsWith('/api/'))
      .filter((r) => !document.paths[toOpenApi(r.path)]?.[r.method.toLowerCase() as 'get'])
      .map((r) => `${r.method} ${r.path}`);
    expect(missing, 'routes missing from server/opendata/openapi/paths/').to.deep.equal([]);
  });

  it('when the description is read, then it is OpenAPI 3.1 and every schema in it compiles', () => {
    expect(document.openapi).to.equal('3.1.0');
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const response of Object.values(operation.responses as Record<string, { content?: object }>)) {
          for (const media of Object.values(response.content ?? {}) as { schema: object }[]) {
            expect(() => ajv.compile(media.schema), `${method} ${path}`).to.not.throw();
          }
        }
      }
    }
  });

  it('when the public API is read, then each answer matches its description', async () => {
    await expectConforms('get', '/api/v1/locations', await app.get('/api/v1/locations?bbox=-10,35,30,60&zoom=5'));
    await expectConforms('get', '/api/v1/locations', await app.get('/api/v1/locations?bbox=1,2,3'));
    await expectConforms('get', '/api/v1/locations/:slug', await app.get('/api/v1/locations/over-entinghe-dwingeloo'));
    await expectConforms('get', '/api/v1/locations/:slug', await app.get('/api/v1/locations/no-such-place'));
    await expectConforms('get', '/api/v1/networks', await app.get('/api/v1/networks'));
    await expectConforms('get', '/api/v1/networks/:slug', await app.get('/api/v1/networks/smart-be'));
    await expectConforms('get', '/api/v1/openapi.json', await app.get('/api/v1/openapi.json'));
  });

  it('when a network admin uses the API, then each answer matches its description', async () => {
    const json = { accept: 'application/json' };
    await expectConforms('get', '/api/v1/me', await admin.get('/api/v1/me', json));
    await expectConforms('get', '/api/v1/audit', await admin.get('/api/v1/audit', json));
    await expectConforms('get', '/api/v1/manage/locations', await admin.get('/api/v1/manage/locations', json));
    const created = await admin.json('POST', '/api/v1/locations', NEW_SMART_PLACE);
    const slug = ((await created.clone().json()) as { slug: string }).slug;
    await expectConforms('post', '/api/v1/locations', created);
    await expectConforms(
      'get',
      '/api/v1/manage/locations/:slug',
      await admin.get(`/api/v1/manage/locations/${slug}`, json),
    );
    await expectConforms(
      'patch',
      '/api/v1/locations/:slug',
      await admin.json('PATCH', `/api/v1/locations/${slug}`, { capacity: { desks: 12 } }),
    );
    await expectConforms('post', '/api/v1/locations', await admin.json('POST', '/api/v1/locations', { name: 5 }));
    await expectConforms('get', '/api/v1/me', await app.get('/api/v1/me', { headers: json }));
  });

  it('when access, demand, programmes and passes are used, then each answer matches its description', async () => {
    const json = { accept: 'application/json' };
    const place = 'over-entinghe-dwingeloo';
    await expectConforms('get', '/api/v1/locations/:slug/prices', await app.get(`/api/v1/locations/${place}/prices`));
    await expectConforms(
      'get',
      '/api/v1/locations/:slug/prices',
      await app.get(`/api/v1/locations/${place}/prices?days=0`),
    );
    await expectConforms('get', '/api/v1/agreements', await app.get('/api/v1/agreements'));
    await expectConforms('get', '/api/v1/events', await app.get('/api/v1/events'));
    await expectConforms('get', '/api/v1/events/:id', await app.get('/api/v1/events/0123456789abcdef01234567'));
    const interest = `/api/v1/locations/${place}/interest`;
    const said = await admin.json('PUT', interest, { dayParts: ['morning'], frequency: 'weekly' });
    expect(said.status, 'interest said').to.equal(200);
    await expectConforms('put', '/api/v1/locations/:slug/interest', said);
    await expectConforms('get', '/api/v1/me/interest', await admin.get('/api/v1/me/interest', json));
    await expectConforms('get', '/api/v1/demand', await admin.get('/api/v1/demand?bbox=-10,35,30,60&zoom=5', json));
    await expectConforms('delete', '/api/v1/locations/:slug/interest', await admin.json('DELETE', interest, {}));
    await expectConforms('get', '/api/v1/me/passes', await admin.get('/api/v1/me/passes', json));
    const verify = await admin.json('POST', `/api/v1/manage/check-in/${place}/verify`, { pass: 'NO-SUCH-CODE' });
    await expectConforms('post', '/api/v1/manage/check-in/:location/verify', verify);
    const bad = { nonsense: true };
    await expectConforms('post', '/api/v1/agreements', await admin.json('POST', '/api/v1/agreements', bad));
    await expectConforms('post', '/api/v1/events', await admin.json('POST', '/api/v1/events', bad));
    const confirm = await admin.json('POST', `/api/v1/manage/check-in/${place}/confirm`, { pass: 'NO-SUCH-CODE' });
    await expectConforms('post', '/api/v1/manage/check-in/:location/confirm', confirm);
  });

  it('when the reference page is read, then it lists every operation of the description', async () => {
    const html = await (await app.get('/docs/api?lang=en')).text();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods)) expect(html).to.include(`${method.toUpperCase()} ${path}`);
    }
  });
});
