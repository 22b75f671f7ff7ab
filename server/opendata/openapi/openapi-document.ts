// The OpenAPI 3.1 description of the JSON API, built from zod schemas with zod's own JSON Schema output (draft
// 2020-12, the dialect of OpenAPI 3.1). Each domain describes its paths in a file of ./paths/; add yours to PATH_FILES.
import { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'patch' | 'put' | 'delete';

export interface ResponseSpec {
  description: string;
  /** The JSON body; omitted for answers without one. */
  schema?: z.ZodType;
  contentType?: string;
}

/** One operation: the route as the router names it (`/api/v1/locations/:slug`), its inputs and answers. */
export interface OperationSpec {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  /** Who may call it, in a sentence (shown on the reference page). */
  access: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ResponseSpec>;
}

/** Router paths name parameters `:slug`; OpenAPI names them `{slug}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

/** The error shape every failure answers with (see shared/http/error-handler.ts). */
export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() }).loose()).optional(),
  }),
});

function parameters(spec: OperationSpec) {
  const of = (where: 'query' | 'path', object: z.ZodObject | undefined) => {
    if (!object) return [];
    const schema = jsonSchema(object, 'input') as { properties?: Record<string, object>; required?: string[] };
    return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
      name,
      in: where,
      required: where === 'path' || (schema.required ?? []).includes(name),
      schema: property,
    }));
  };
  return [...of('path', spec.params), ...of('query', spec.query)];
}

function operation(spec: OperationSpec) {
  const params = parameters(spec);
  return {
    summary: spec.summary,
    description: spec.access,
    tags: [spec.tag],
    operationId: `${spec.method}${openApiPath(spec.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    ...(params.length ? { parameters: params } : {}),
    ...(spec.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body, 'input') } } } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(spec.responses).map(([status, response]) => [
        status,
        {
          description: response.description,
          ...(response.schema
            ? {
                content: {
                  [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') },
                },
              }
            : {}),
        },
      ]),
    ),
  };
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string; license: { name: string; identifier: string } };
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Partial<Record<HttpMethod, ReturnType<typeof operation>>>>;
  components: { securitySchemes: Record<string, object> };
  security: Record<string, string[]>[];
}

export function buildOpenApiDocument(operations: readonly OperationSpec[], baseUrl: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const spec of operations) {
    const path = openApiPath(spec.path);
    paths[path] = { ...paths[path], [spec.method]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Passerelle API',
      version: '1',
      description:
        'The JSON API of a Passerelle instance: the directory of third places, networks, locations to manage, ' +
        'the audit log. Public reads need no credentials; writes take a personal API token (Authorization: Bearer).',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: baseUrl }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{}, { bearer: [] }],
  };
}
