// Locations: one published place, and the manager's reads and writes.
import { z } from 'zod';
import { locationCreateSchema, locationPatchSchema } from '../../../locations/index.ts';
import type { OperationSpec } from '../openapi-document.ts';
import { contentText, languageMap, refused } from './shared.ts';

const slugParams = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) });
const address = z.object({ locality: z.string(), countryCode: z.string() }).loose();
const coordinates = z.object({ lat: z.number(), lng: z.number(), approximate: z.boolean() });

export const publishedLocationSchema = z
  .object({
    slug: z.string(),
    language: z.string(),
    name: contentText,
    nameMap: languageMap,
    descriptionMap: languageMap,
    type: z.string(),
    model: z.object({ governance: z.string(), openness: z.string(), spaceKind: z.string() }),
    address,
    coordinates,
    facilities: z.array(z.string()),
    tariffs: z.array(z.object({ category: z.string(), amount: z.number(), currency: z.string(), per: z.string() })),
    network: z.object({ slug: z.string() }).loose(),
    source: z.object({ name: z.string() }).loose(),
    updatedAt: z.string(),
  })
  .loose();

export const managedLocationSchema = z
  .object({
    slug: z.string(),
    status: z.string(),
    network: z.string(),
    language: z.string(),
    name: languageMap,
    description: languageMap,
    type: z.string(),
    address,
    coordinates,
    openingHours: z.string().nullable(),
    timeZone: z.string(),
    missingTranslations: z.array(z.string()),
    links: z.object({ self: z.string(), manage: z.string(), edit: z.string(), page: z.string() }),
  })
  .loose();

const manageListSchema = z
  .object({
    total: z.number().int(),
    page: z.number().int(),
    pageCount: z.number().int(),
    locations: z.array(z.object({ slug: z.string(), status: z.string(), name: z.string() }).loose()),
    networks: z.array(z.object({ slug: z.string(), total: z.number().int() }).loose()),
  })
  .loose();

export const locationPaths: OperationSpec[] = [
  {
    method: 'get',
    path: '/api/v1/locations/:slug',
    summary: 'A published place, in the reader’s language',
    tag: 'locations',
    access: 'Anyone.',
    params: slugParams,
    query: z.object({ lang: z.enum(['en', 'nl', 'fr', 'de']).optional() }),
    responses: { 200: { description: 'The place.', schema: publishedLocationSchema }, ...refused(404) },
  },
  {
    method: 'get',
    path: '/api/v1/manage/locations',
    summary: 'The locations the caller may edit, with per-network summaries',
    tag: 'locations',
    access: 'Location managers and network admins.',
    query: z.object({
      q: z.string().optional(),
      network: z.string().optional(),
      status: z.string().optional(),
      missing: z.string().optional(),
      page: z.string().optional(),
    }),
    responses: { 200: { description: 'A page of locations.', schema: manageListSchema }, ...refused(400, 401, 403) },
  },
  {
    method: 'get',
    path: '/api/v1/manage/locations/:slug',
    summary: 'One location the caller may edit, in any status',
    tag: 'locations',
    access: 'Its managers and its network’s admins.',
    params: slugParams,
    responses: { 200: { description: 'The location.', schema: managedLocationSchema }, ...refused(401, 403, 404) },
  },
  {
    method: 'post',
    path: '/api/v1/locations',
    summary: 'Create a location (a draft unless a status is given)',
    tag: 'locations',
    access: 'Admins of the network named in the body.',
    body: locationCreateSchema,
    responses: { 201: { description: 'Created.', schema: managedLocationSchema }, ...refused(400, 401, 403) },
  },
  {
    method: 'patch',
    path: '/api/v1/locations/:slug',
    summary: 'Change some fields of a location (null removes an optional one)',
    tag: 'locations',
    access: 'Its managers and its network’s admins.',
    params: slugParams,
    body: locationPatchSchema,
    responses: {
      200: { description: 'The location as stored.', schema: managedLocationSchema },
      ...refused(400, 401, 403, 404),
    },
  },
];
