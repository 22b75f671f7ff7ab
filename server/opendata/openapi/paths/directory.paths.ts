// The directory's map API: clusters and places of a search in a map view, as GeoJSON.
import { z } from 'zod';
import { directoryQuerySchema } from '../../../directory/index.ts';
import type { OperationSpec } from '../openapi-document.ts';
import { refused } from './shared.ts';

const point = z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) });

export const mapAnswerSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z
        .object({
          type: z.literal('Feature'),
          geometry: point,
          properties: z.union([
            z.object({ cluster: z.literal(true), count: z.number().int() }).loose(),
            z.object({ slug: z.string(), name: z.string(), locality: z.string(), countryCode: z.string() }).loose(),
          ]),
        })
        .loose(),
    ),
  })
  .loose();

export const directoryPaths: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/v1/locations',
    summary: 'The places and clusters a search finds in a map view',
    tag: 'directory',
    access: 'Anyone. The same filters as the home page (its URL state), with `bbox` and `zoom` for the view.',
    query: directoryQuerySchema,
    responses: {
      200: { description: 'A GeoJSON FeatureCollection of clusters and places.', schema: mapAnswerSchema },
      ...refused(400),
    },
  },
];
