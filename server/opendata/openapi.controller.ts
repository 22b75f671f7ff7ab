// The API's description as JSON (`/api/v1/openapi.json`) and as a page people read (`/docs/api`), built once.
import type { Request, Response } from 'express';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi/openapi-document.ts';
import { API_OPERATIONS } from './openapi/paths/index.ts';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const API_REFERENCE_PATH = '/docs/api';

/** The document's operations grouped by tag, in the order the path files list them, for the reference page. */
function referenceSections(document: OpenApiDocument) {
  return document.tags.map(({ name }) => ({
    tag: name,
    operations: Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.tags.includes(name))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    ),
  }));
}

export function openApiController(baseUrl: string) {
  let document: OpenApiDocument | undefined;
  const built = () => (document ??= buildOpenApiDocument(API_OPERATIONS, baseUrl));
  return {
    json: (_req: Request, res: Response): void => {
      res.json(built());
    },
    reference: (_req: Request, res: Response): void => {
      res.render('opendata/api-reference', {
        document: built(),
        sections: referenceSections(built()),
        jsonUrl: OPENAPI_PATH,
        pretty: (value: unknown) => JSON.stringify(value, null, 2),
      });
    },
  };
}
