// Networks: the list and one network with its published places.
import { z } from 'zod';
import type { OperationSpec } from '../openapi-document.ts';
import { contentText, languageMap, refused } from './shared.ts';

const networkView = z
  .object({ id: z.string(), slug: z.string(), language: z.string(), name: contentText, nameMap: languageMap })
  .loose();

export const networkPaths: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/v1/networks',
    summary: 'Every network, with how many published places it has',
    tag: 'networks',
    access: 'Anyone.',
    responses: {
      200: {
        description: 'The networks.',
        schema: z.object({ networks: z.array(networkView.extend({ locationCount: z.number().int() })) }),
      },
    },
  },
  {
    method: 'get',
    path: '/api/v1/networks/:slug',
    summary: 'A network and its published places',
    tag: 'networks',
    access: 'Anyone.',
    params: z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) }),
    responses: {
      200: {
        description: 'The network.',
        schema: networkView.extend({ locations: z.array(z.object({ slug: z.string() }).loose()) }),
      },
      ...refused(404),
    },
  },
];
