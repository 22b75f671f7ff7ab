// Open data: this description itself.
import { z } from 'zod';
import type { OperationSpec } from '../openapi-document.ts';

export const opendataPaths: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This description of the API (OpenAPI 3.1)',
    tag: 'open data',
    access: 'Anyone. A readable reference is at /docs/api.',
    responses: {
      200: {
        description: 'The OpenAPI document.',
        schema: z.object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }).loose(),
      },
    },
  },
];
