// What the follower accepts from a peer's feed: a page, and each item of it, checked field by field. An item that
// fails is skipped and logged; nothing of it is stored.
import { z } from 'zod';
import { FACILITIES, GOVERNANCES, LOCATION_TYPES, OPENNESS, SPACE_KINDS } from '../locations/index.ts';
import { isTimeZone } from '../shared/i18n/time-zones.ts';

/** A page larger than this many items is refused whole (we ask for the peer's own pages of at most 500). */
export const MAX_ITEMS_PER_PAGE = 1000;

const remoteId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const pageSchema = z.object({
  next: z.url({ protocol: /^https?$/ }).max(2000),
  items: z
    .array(
      z.object({
        state: z.enum(['updated', 'deleted']),
        id: remoteId,
        modified: z.number().int().min(0),
        data: z.unknown().optional(),
      }),
    )
    .max(MAX_ITEMS_PER_PAGE),
});
export type RemotePage = z.infer<typeof pageSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
const languageMap = (max: number) =>
  z.record(z.string().regex(/^[a-z]{2,3}$/), z.string().max(max)).refine((map) => Object.keys(map).length <= 40);
const url = z.url({ protocol: /^https?$/ }).max(2000);

export const organizationSchema = z.object({
  '@type': z.literal('Organization'),
  '@id': url,
  identifier: remoteId,
  inLanguage: z.string().regex(/^[a-z]{2,3}$/),
  name: languageMap(200).refine((map) => Object.values(map).some((v) => v.trim() !== '')),
  description: languageMap(5000).optional(),
  'passerelle:slug': z.string().regex(/^[a-z0-9-]{1,80}$/),
  address: z
    .object({ addressCountry: z.string().regex(/^[A-Z]{2}$/) })
    .partial()
    .optional(),
});

export const placeSchema = z.object({
  '@type': z.literal('Place'),
  '@id': url,
  identifier: remoteId,
  inLanguage: z.string().regex(/^[a-z]{2,3}$/),
  name: languageMap(200).refine((map) => Object.values(map).some((v) => v.trim() !== '')),
  description: languageMap(5000).optional(),
  additionalType: z.string().transform((v, ctx) => {
    const type = v.replace(/^passerelle:/, '');
    if (!(LOCATION_TYPES as readonly string[]).includes(type)) {
      ctx.addIssue({ code: 'custom', message: 'type' });
      return z.NEVER;
    }
    return type;
  }),
  'passerelle:model': z.object({
    governance: z.enum(GOVERNANCES),
    openness: z.enum(OPENNESS),
    spaceKind: z.enum(SPACE_KINDS),
  }),
  address: z.object({
    streetAddress: text(200).optional(),
    postalCode: text(20).optional(),
    addressLocality: text(120),
    addressRegion: text(120).optional(),
    addressCountry: z.string().regex(/^[A-Z]{2}$/),
  }),
  geo: z.object({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    'passerelle:approximate': z.boolean().optional(),
  }),
  openingHours: z.string().max(500).optional(),
  'passerelle:timeZone': z.string().max(64).refine(isTimeZone),
  amenityFeature: z
    .array(z.object({ name: z.string().max(64) }))
    .max(100)
    .default([]),
  publisher: z.object({ identifier: remoteId }),
});
export type RemotePlace = z.infer<typeof placeSchema>;

export const knownFacilities = (features: { name: string }[]): string[] =>
  [...new Set(features.map((f) => f.name))].filter((name) => (FACILITIES as readonly string[]).includes(name));
