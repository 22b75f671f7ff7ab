// Passes: my signed member passes, and the check-in a place's managers make with them.
import { z } from 'zod';
import { checkInParams, presentedPass } from '../../../passes/index.ts';
import type { OperationSpec } from '../openapi-document.ts';
import { refused } from './shared.ts';

const networkName = z.object({ slug: z.string(), name: z.string() }).loose();

/** Whether the pass admits its holder here, and why, in the caller's language. */
const verdict = z
  .object({
    admitted: z.boolean(),
    reason: z.object({ code: z.string(), message: z.string() }).loose(),
    nameHint: z.string().nullable(),
    network: networkName.optional(),
    category: z.string().optional(),
    tariffCategory: z.string().optional(),
  })
  .loose();

const CHECKERS = 'Managers of the place and admins of its network.';

export const passPaths: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/v1/me/passes',
    summary: 'My member passes: one signed pass per active membership',
    tag: 'passes',
    access: 'A signed-in person (their own passes only).',
    responses: {
      200: {
        description: 'My passes.',
        schema: z
          .object({
            passes: z.array(
              z
                .object({
                  network: networkName,
                  category: z.string(),
                  nameHint: z.string(),
                  code: z.string(),
                  token: z.string(),
                  expiresAt: z.string(),
                })
                .loose(),
            ),
          })
          .loose(),
      },
      ...refused(401),
    },
  },
  {
    method: 'post',
    path: '/api/v1/manage/check-in/:location/verify',
    summary: 'Check a presented pass (QR code text or short code) at a place, recording nothing',
    tag: 'passes',
    access: CHECKERS,
    params: checkInParams,
    body: presentedPass,
    responses: { 200: { description: 'The verdict.', schema: verdict }, ...refused(400, 401, 403, 404) },
  },
  {
    method: 'post',
    path: '/api/v1/manage/check-in/:location/confirm',
    summary: 'Record a visit with a presented pass (once per pass, place and day-part)',
    tag: 'passes',
    access: CHECKERS,
    params: checkInParams,
    body: presentedPass,
    responses: {
      201: {
        description: 'The visit is recorded.',
        schema: z.object({ recorded: z.boolean(), verdict }).loose(),
      },
      200: {
        description: 'Nothing recorded: refused, or already recorded.',
        schema: z.object({ recorded: z.boolean(), verdict }).loose(),
      },
      ...refused(400, 401, 403, 404),
    },
  },
];
