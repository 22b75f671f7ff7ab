// Access between networks: what a place costs the caller, and the agreements networks make to open their places.
import { z } from 'zod';
import { agreementParams, counterSchema, proposalSchema, versionSchema } from '../../../access/index.ts';
import type { OperationSpec } from '../openapi-document.ts';
import { refused } from './shared.ts';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) });

const pricesSchema = z
  .object({
    location: z.string(),
    timeZone: z.string(),
    prices: z.array(
      z
        .object({
          date: z.string(),
          dayPart: z.string(),
          offered: z.boolean(),
          access: z.boolean(),
          amount: z.number().optional(),
          currency: z.string().optional(),
          reason: z.string(),
          message: z.string(),
        })
        .loose(),
    ),
  })
  .loose();

const networkRef = z.object({ id: z.string(), slug: z.string(), name: z.string() }).loose();
const grantView = z
  .object({
    host: z.string(),
    guest: z.string(),
    categories: z.array(z.string()),
    level: z.string(),
    bookingRequired: z.boolean(),
    hostApproves: z.boolean(),
    locations: z.union([
      z.literal('all'),
      z.array(z.object({ id: z.string(), slug: z.string(), name: z.string() }).loose()),
    ]),
    validFrom: z.string(),
  })
  .loose();
const versionView = z
  .object({
    number: z.number().int(),
    proposedBy: z.string(),
    at: z.string(),
    grants: z.array(grantView),
    oneWay: z.boolean(),
  })
  .loose();

export const agreementSchema = z
  .object({
    id: z.string(),
    status: z.string(),
    example: z.boolean(),
    networks: z.array(networkRef),
    awaiting: z.string().optional(),
    acceptedVersion: z.number().int().optional(),
    current: versionView,
    versions: z.array(versionView),
    history: z.array(
      z.object({ action: z.string(), network: z.string(), at: z.string(), version: z.number().int() }).loose(),
    ),
    actions: z.object({ answer: z.boolean(), suspend: z.boolean(), resume: z.boolean(), end: z.boolean() }).loose(),
    links: z.object({ self: z.string(), page: z.string() }).loose(),
  })
  .loose();

const matrixSchema = z
  .object({
    networks: z.array(z.object({ slug: z.string(), name: z.unknown() }).loose()),
    grants: z.array(z.object({ agreement: z.unknown(), status: z.unknown() }).loose()),
    agreements: z.array(agreementSchema),
  })
  .loose();

const step = (
  action: 'accept' | 'decline' | 'suspend' | 'resume' | 'end',
  summary: string,
  access: string,
): OperationSpec => ({
  method: 'post',
  path: `/api/v1/agreements/:id/${action}`,
  summary,
  tag: 'access',
  access,
  params: agreementParams,
  body: versionSchema,
  responses: {
    200: { description: 'The agreement after the step.', schema: agreementSchema },
    ...refused(400, 401, 403, 404, 409),
  },
});

const ANSWERER = 'Admins of the network the proposal awaits; the version answered must be the current one.';
const PARTNER = 'Admins of either network of the agreement; the version named must be the current one.';

export const accessPaths: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/v1/locations/:slug/prices',
    summary: 'The price of each offered day-part at a place for the caller, day by day',
    tag: 'access',
    access: 'Anyone; the prices are the caller’s own (memberships and agreements count for a signed-in caller).',
    params: slugParams,
    query: z.object({
      from: z.string().optional(),
      days: z.string().optional(),
      lang: z.string().optional(),
    }),
    responses: { 200: { description: 'The prices.', schema: pricesSchema }, ...refused(400, 404) },
  },
  {
    method: 'get',
    path: '/api/v1/agreements',
    summary: 'The matrix of access between networks, and the agreements the caller may read',
    tag: 'access',
    access: 'Anyone sees active grants; the two networks’ admins also see their proposals and who acted.',
    responses: { 200: { description: 'The matrix and the agreements.', schema: matrixSchema } },
  },
  {
    method: 'post',
    path: '/api/v1/agreements',
    summary: 'Propose an agreement from a network to another',
    tag: 'access',
    access: 'Admins of the network named in `from`.',
    body: proposalSchema,
    responses: {
      201: { description: 'The proposal.', schema: agreementSchema },
      ...refused(400, 401, 403, 404, 409),
    },
  },
  {
    method: 'get',
    path: '/api/v1/agreements/:id',
    summary: 'One agreement, its versions and history',
    tag: 'access',
    access: 'Anyone for an active one; the two networks’ admins for any, with the names of who acted.',
    params: agreementParams,
    responses: { 200: { description: 'The agreement.', schema: agreementSchema }, ...refused(400, 404) },
  },
  step('accept', 'Accept the current version of a proposal', ANSWERER),
  step('decline', 'Decline a proposal', ANSWERER),
  step('suspend', 'Suspend an active agreement', PARTNER),
  step('resume', 'Resume a suspended agreement', PARTNER),
  step('end', 'End an agreement', PARTNER),
  {
    method: 'post',
    path: '/api/v1/agreements/:id/counter',
    summary: 'Answer a proposal with other terms (a new version)',
    tag: 'access',
    access: ANSWERER,
    params: agreementParams,
    body: counterSchema,
    responses: {
      200: { description: 'The agreement with its new version.', schema: agreementSchema },
      ...refused(400, 401, 403, 404, 409),
    },
  },
];
