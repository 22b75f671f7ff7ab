// Demand: "I would work here" at a place, one's own signals, and the counts per cell for those who may read them.
import { z } from 'zod';
import { demandLayerQuery, interestSchema } from '../../../demand/index.ts';
import type { OperationSpec } from '../openapi-document.ts';
import { refused } from './shared.ts';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) });

const signal = z
  .object({ place: z.string(), dayParts: z.array(z.string()), frequency: z.string(), updatedAt: z.string() })
  .loose();
/** Below five people only "fewer than 5" is told, so nobody can be singled out. */
const shownCount = z.union([
  z.object({ people: z.number().int() }).loose(),
  z.object({ fewerThan: z.number().int() }).loose(),
]);

export const demandPaths: OperationSpec[] = [
  {
    method: 'put',
    path: '/api/v1/locations/:slug/interest',
    summary: 'Say (or change) that I would work at this place',
    tag: 'demand',
    access: 'A signed-in person, for themselves; saying it twice keeps one signal.',
    params: slugParams,
    body: interestSchema,
    responses: {
      200: {
        description: 'My signal here, and the count when the caller may read it.',
        schema: z.object({ mine: signal.optional(), count: shownCount.optional() }).loose(),
      },
      ...refused(400, 401, 404),
    },
  },
  {
    method: 'delete',
    path: '/api/v1/locations/:slug/interest',
    summary: 'Withdraw my signal at this place',
    tag: 'demand',
    access: 'A signed-in person, for themselves.',
    params: slugParams,
    responses: { 204: { description: 'Withdrawn.' }, ...refused(401, 404) },
  },
  {
    method: 'get',
    path: '/api/v1/me/interest',
    summary: 'My signals, newest first',
    tag: 'demand',
    access: 'A signed-in person (their own signals only).',
    responses: {
      200: {
        description: 'My signals.',
        schema: z.object({ signals: z.array(signal.extend({ lat: z.number(), lng: z.number() }).loose()) }).loose(),
      },
      ...refused(401),
    },
  },
  {
    method: 'get',
    path: '/api/v1/demand',
    summary: 'Demand within a box, merged into cells that suit the zoom (cells under five people left out)',
    tag: 'demand',
    access: 'Network admins (their networks’ places), analysts and instance admins (everywhere); never names.',
    query: demandLayerQuery,
    responses: {
      200: {
        description: 'The cells.',
        schema: z
          .object({
            cells: z.array(
              z
                .object({ lat: z.number(), lng: z.number(), people: z.number().int(), places: z.number().int() })
                .loose(),
            ),
          })
          .loose(),
      },
      ...refused(400, 401, 403),
    },
  },
];
