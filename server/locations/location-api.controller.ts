// The JSON write API and the manager's JSON list: the same services and rights as the /manage pages, for a
// personal token (Authorization: Bearer …) or a session (with its CSRF header).
import type { Request, Response } from 'express';
import { findNetworkById } from '../networks/index.ts';
import { safeQuery } from '../shared/http/query.ts';
import { parseInput } from '../shared/http/validate.ts';
import { administersAnyNetwork, assertAllowed } from '../shared/principal.ts';
import { locationCreateSchema, locationPatchSchema, parseLocationInput } from './location-write.schemas.ts';
import { createLocation, loadEditableLocation, updateLocation } from './location-write.service.ts';
import type { Location } from './location.model.ts';
import { manageQuerySchema, slugParam } from './manage.controller.ts';
import { listEditableLocations, networkSummaries, networksInScope } from './manage.service.ts';
import { missingTranslations } from './translations.ts';
import { dayPartsShown } from './day-parts.ts';

/** A location as its editors see it: the write schema's fields (so it can be sent back), status, source, links. */
export function toManageJson(location: Location, networkSlug: string) {
  return {
    slug: location.slug,
    status: location.status,
    network: networkSlug,
    language: location.language,
    name: location.name,
    description: location.description ?? {},
    type: location.type,
    model: location.model,
    address: location.address,
    coordinates: {
      lat: location.coordinates.lat,
      lng: location.coordinates.lng,
      approximate: Boolean(location.coordinates.approximate),
    },
    openingHours: location.openingHours ?? null,
    timeZone: location.timeZone,
    facilities: location.facilities ?? [],
    wifiMbps: location.wifiMbps ?? null,
    capacity: location.capacity?.desks != null ? { desks: location.capacity.desks } : null,
    contact: location.contact && Object.values(location.contact).some(Boolean) ? location.contact : null,
    tariffs: (location.tariffs ?? []).map((t) => ({
      category: t.category,
      amount: t.amount,
      currency: t.currency,
      per: t.per ?? 'day-part',
      ...(t.dayPart ? { dayPart: t.dayPart } : {}),
    })),
    dayParts: dayPartsShown(location),
    source: location.source,
    missingTranslations: missingTranslations(location).languages,
    createdAt: location.createdAt,
    updatedAt: location.updatedAt,
    links: {
      self: `/api/v1/locations/${location.slug}`,
      manage: `/api/v1/manage/locations/${location.slug}`,
      edit: `/manage/locations/${location.slug}/edit`,
      page: `/locations/${location.slug}`,
    },
  };
}

async function networkSlugOf(location: Location): Promise<string> {
  return (await findNetworkById(location.network))?.slug ?? '';
}

export const locationApiController = {
  /** GET /api/v1/manage/locations: the editable list with the same filters as /manage, and the per-network summary. */
  list: async (req: Request, res: Response): Promise<void> => {
    const p = req.principal;
    assertAllowed(p, p.kind !== 'anonymous');
    const query = parseInput(manageQuerySchema, safeQuery(req));
    const networks = await networksInScope(p);
    const [list, summaries] = await Promise.all([
      listEditableLocations(p, query, req.lang, networks),
      networkSummaries(p, req.lang, networks),
    ]);
    res.json({
      total: list.total,
      page: list.page,
      pageCount: list.pageCount,
      locations: list.items.map((item) => ({
        slug: item.slug,
        status: item.status,
        network: item.network?.slug,
        name: item.name.text,
        language: item.language,
        updatedAt: item.updatedAt,
        missingTranslations: item.missing.languages,
        links: { manage: `/api/v1/manage/locations/${item.slug}`, edit: `/manage/locations/${item.slug}/edit` },
      })),
      networks: summaries.map(({ slug, name, total, missing, ownMissing, canCreate }) => ({
        slug,
        name,
        total,
        missingTranslations: missing,
        networkMissingTranslations: ownMissing.languages,
        canCreate,
      })),
    });
  },

  /** GET /api/v1/manage/locations/:slug: one editable location in any status. */
  get: async (req: Request, res: Response): Promise<void> => {
    const location = (await loadEditableLocation(req.principal, slugParam(req))).toObject() as unknown as Location;
    res.json(toManageJson(location, await networkSlugOf(location)));
  },

  /** POST /api/v1/locations: 201, the location and its address in `Location`. */
  create: async (req: Request, res: Response): Promise<void> => {
    const p = req.principal;
    // Who may create at all is settled before what was sent is judged; the network itself is checked next.
    assertAllowed(p, administersAnyNetwork(p));
    const input = parseLocationInput(locationCreateSchema, req.body);
    const created = await createLocation(p, input);
    res.status(201).location(`/api/v1/locations/${created.slug}`).json(toManageJson(created, input.network));
  },

  /** PATCH /api/v1/locations/:slug: the given top-level fields replaced, null removing optional ones. */
  patch: async (req: Request, res: Response): Promise<void> => {
    const slug = slugParam(req);
    await loadEditableLocation(req.principal, slug);
    const patch = parseLocationInput(locationPatchSchema, req.body);
    const updated = await updateLocation(req.principal, slug, patch);
    res.json(toManageJson(updated, await networkSlugOf(updated)));
  },
};
