// The caller's own account, and the audit log they may read.
import { z } from 'zod';
import type { OperationSpec } from '../openapi-document.ts';
import { refused } from './shared.ts';

export const accountPaths: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/v1/me',
    summary: 'My account: profile, memberships and roles',
    tag: 'account',
    access: 'A signed-in person, or their API token.',
    responses: {
      200: {
        description: 'The account.',
        schema: z.object({ email: z.string(), name: z.string(), canHoldTokens: z.boolean() }).loose(),
      },
      ...refused(401),
    },
  },
  {
    method: 'get',
    path: '/api/v1/audit',
    summary: 'The audit log entries the caller may read, newest first',
    tag: 'audit',
    access: 'Instance admins (every entry) and network admins (their networks’ entries).',
    query: z.object({ network: z.string().optional(), page: z.string().optional() }),
    responses: {
      200: {
        description: 'A page of entries.',
        schema: z
          .object({
            page: z.number().int(),
            perPage: z.number().int(),
            nextPage: z.number().int().nullable(),
            entries: z.array(
              z.object({ id: z.string(), at: z.string(), action: z.string(), entityType: z.string() }).loose(),
            ),
          })
          .loose(),
      },
      ...refused(400, 401, 403),
    },
  },
];
