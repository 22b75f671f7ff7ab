// Creating and changing locations: an explicit principal, the policy checked before anything is stored, every write
// audited (the entry first, so no write is stored without it), slugs unique, and updatedAt moved by every save so
// the directory's change follower picks the change up.
import { isDeepStrictEqual } from 'node:util';
import type { HydratedDocument, Types } from 'mongoose';
import { auditedWrite, changedFields, type AuditEvent } from '../audit/index.ts';
import { pickText } from '../shared/i18n/content-text.ts';
import { lookUpNetwork, type Network } from '../networks/index.ts';
import { badRequest, notFound } from '../shared/errors/app-error.ts';
import { administersAnyNetwork, assertAllowed, type Principal } from '../shared/principal.ts';
import { isDuplicateKey } from '../shared/db/duplicate-key.ts';
import { slugify } from '../shared/text/normalize.ts';
import {
  crossFieldDetails,
  REMOVABLE_FIELDS,
  type LocationCreate,
  type LocationInput,
  type LocationPatch,
} from './location-write.schemas.ts';
import { LocationModel, type Location } from './location.model.ts';
import { canEditLocation, canPlaceInNetwork } from './location.policy.ts';
import type { ListedPlaces } from './listed-places.ts';
import type { LocationStatus } from './location.vocabulary.ts';

type LocationDocument = HydratedDocument<Location>;

const SLUG_BATCH = 20;

async function networkBySlug(slug: string): Promise<Pick<Network, '_id' | 'slug' | 'name' | 'language'>> {
  const network = await lookUpNetwork(slug);
  if (!network) throw badRequest([{ field: 'network', key: 'manage:validation.networkUnknown' }]);
  return network;
}

/** The location behind a slug, for someone who may edit it: 404 when there is none, 401/403 when not theirs. */
export async function loadEditableLocation(p: Principal, slug: string): Promise<LocationDocument> {
  assertAllowed(p, p.kind !== 'anonymous');
  const location = await LocationModel.findOne({ slug });
  if (!location) throw notFound('locationNotFound');
  assertAllowed(p, canEditLocation(p, location));
  return location as unknown as LocationDocument;
}

/** What a page about one location needs to know of it, without the model: for check-ins and the like. */
export interface EditableLocationRef {
  id: string;
  slug: string;
  language: string;
  name: Record<string, string>;
  networkId: string;
  timeZone: string;
  status: LocationStatus;
  tariffs: { category: string; amount: number; currency: string }[];
}

/**
 * `loadEditableLocation` as plain data, for other domains: the same 404 and 401/403. With `listed`, a place the
 * directory lists is read by `_id` (pages used at a desk again and again: FerretDB 1.x scans every location to find one
 * by slug); one it does not list yet (a draft, one renamed a moment ago) is still found by slug.
 */
export async function editableLocationRef(
  p: Principal,
  slug: string,
  listed?: ListedPlaces,
): Promise<EditableLocationRef> {
  assertAllowed(p, p.kind !== 'anonymous');
  const id = listed ? await listed.idOf(slug) : undefined;
  const byId = id ? await LocationModel.findById(id) : null;
  const location = byId?.slug === slug ? byId : await LocationModel.findOne({ slug });
  if (!location) throw notFound('locationNotFound');
  assertAllowed(p, canEditLocation(p, location));
  return {
    id: location._id.toString(),
    slug: location.slug,
    language: location.language,
    name: { ...(location.toObject().name as Record<string, string>) },
    networkId: location.network.toString(),
    timeZone: location.timeZone,
    status: location.status,
    tariffs: (location.tariffs ?? []).map((t) => ({ category: t.category, amount: t.amount, currency: t.currency })),
  };
}

/** slugify(name in its own language + locality), then -2, -3… until one is free. */
async function freeSlug(input: Pick<LocationInput, 'name' | 'language' | 'address'>, skip = 0): Promise<string> {
  const name = input.name[input.language] ?? Object.values(input.name)[0] ?? '';
  const base = slugify(`${name} ${input.address.locality}`);
  for (let start = skip; ; start += SLUG_BATCH) {
    const candidates = Array.from({ length: SLUG_BATCH }, (_, i) =>
      start + i === 0 ? base : `${base}-${start + i + 1}`,
    );
    const taken = new Set(
      (
        await LocationModel.find({ slug: { $in: candidates } })
          .select('slug')
          .lean()
      ).map((l) => l.slug),
    );
    const free = candidates.find((slug) => !taken.has(slug));
    if (free) return free;
  }
}

/** The stored form of input fields: null (remove) becomes absent, and a removed description an empty map. */
function storedFields(input: Partial<LocationInput>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'network' || key === 'status') continue;
    // A group with nothing in it (contact, capacity) is no group: removed rather than stored empty.
    const empty =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      key !== 'name' &&
      key !== 'description' &&
      Object.values(value).every((v) => v === undefined);
    if (value === null || value === undefined || empty) fields[key] = key === 'description' ? {} : undefined;
    else fields[key] = value;
  }
  return fields;
}

function throwIfInvalid(location: Parameters<typeof crossFieldDetails>[0]): void {
  const details = crossFieldDetails(location);
  if (details.length) throw badRequest(details);
}

/** A location placed by a network on Passerelle names that network as its source. */
function passerelleSource(network: Pick<Network, 'slug' | 'name' | 'language'>) {
  const name = pickText(network.name, network.language, network.language)?.text ?? network.slug;
  return { name: `${name} (Passerelle)`, attribution: `Published by ${name} on Passerelle` };
}

/** Creates a location (a draft unless a status is given) in a network the principal administers. */
export async function createLocation(p: Principal, input: LocationCreate): Promise<Location> {
  assertAllowed(p, administersAnyNetwork(p));
  const network = await networkBySlug(input.network);
  assertAllowed(p, canPlaceInNetwork(p, network._id));
  throwIfInvalid(input);
  let skip = 0;
  for (let attempt = 0; ; attempt += 1) {
    const slug = await freeSlug(input, skip);
    const location = new LocationModel({
      ...storedFields(input),
      facilities: input.facilities ?? [],
      tariffs: input.tariffs ?? [],
      dayParts: input.dayParts ?? [],
      slug,
      status: input.status ?? 'draft',
      network: network._id,
      source: passerelleSource(network),
    });
    // Checked before the audit entry is written, so a refused location leaves none behind.
    await location.validate();
    const event = {
      action: 'location.create',
      entityType: 'location',
      entityId: location._id.toString(),
      networkId: network._id,
      before: {},
      after: location.toObject(),
    };
    try {
      await auditedWrite(p, [event], () => location.save());
      return location.toObject() as unknown as Location;
    } catch (error) {
      // Someone else took the same slug between our check and our insert: try the next ones.
      if (!isDuplicateKey(error) || attempt >= 5) throw error;
      skip += 1;
    }
  }
}

/** May this principal move a location from one network to another? Only between networks they administer. */
function assertMayMove(p: Principal, from: Types.ObjectId, to: Types.ObjectId): void {
  assertAllowed(p, canPlaceInNetwork(p, from) && canPlaceInNetwork(p, to));
}

const withoutStatus = (location: Record<string, unknown>) => {
  const { status: _status, ...rest } = location;
  return rest;
};

/**
 * Changes the given top-level fields of a location (each replaced as a whole; null removes an optional one) and
 * its status, audited as `location.update` and `location.status`. A patch that changes nothing stores nothing.
 */
export async function updateLocation(p: Principal, slug: string, patch: LocationPatch): Promise<Location> {
  const location = await loadEditableLocation(p, slug);
  if (patch.network !== undefined) {
    const target = await networkBySlug(patch.network);
    if (!target._id.equals(location.network)) {
      assertMayMove(p, location.network, target._id);
      location.network = target._id;
    }
  }
  const touchesHours = 'openingHours' in patch || 'address' in patch;
  const touchesName = 'name' in patch || 'language' in patch;
  const touchesPrices = 'dayParts' in patch || 'tariffs' in patch;
  throwIfInvalid({
    ...(touchesPrices
      ? { dayParts: patch.dayParts ?? location.dayParts, tariffs: patch.tariffs ?? location.tariffs }
      : {}),
    ...(touchesName ? { language: patch.language ?? location.language, name: patch.name ?? location.name } : {}),
    ...(touchesHours
      ? {
          openingHours: 'openingHours' in patch ? patch.openingHours : location.openingHours,
          address: patch.address ?? location.address,
        }
      : {}),
  });

  const before = location.toObject() as unknown as Record<string, unknown>;
  const plain = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
  for (const [key, value] of Object.entries(storedFields(patch))) {
    if (isDeepStrictEqual(plain(before[key]), plain(value))) continue;
    location.set(key, value);
    if (key === 'name' || key === 'description') location.markModified(key);
  }
  if (patch.status !== undefined) location.status = patch.status;
  if (!location.isModified()) return before as unknown as Location;
  await location.validate();

  // The entries describe the location as it is about to be saved: what saving adds (updatedAt, the version) is
  // left out of the audit anyway.
  const after = location.toObject() as unknown as Record<string, unknown>;
  const entity = { entityType: 'location', entityId: location._id.toString(), networkId: location.network };
  const events: AuditEvent[] = [];
  if (before.status !== after.status) {
    events.push({
      ...entity,
      action: 'location.status',
      before: { status: before.status },
      after: { status: after.status },
    });
  }
  const fieldsBefore = withoutStatus(before);
  const fieldsAfter = withoutStatus(after);
  const diff = changedFields(fieldsBefore, fieldsAfter);
  if (Object.keys(diff.before).length + Object.keys(diff.after).length > 0) {
    events.push({ ...entity, action: 'location.update', before: fieldsBefore, after: fieldsAfter });
  }
  await auditedWrite(p, events, () => location.save());
  return location.toObject();
}

/** Publish, unpublish (back to draft) or archive. */
export function setLocationStatus(p: Principal, slug: string, status: LocationStatus): Promise<Location> {
  return updateLocation(p, slug, { status });
}

/** Every optional field the whole-location form left empty, as null, so saving the form removes it. */
export function wholeLocationPatch(input: LocationInput): LocationPatch {
  const patch: LocationPatch = {
    ...input,
    facilities: input.facilities ?? [],
    tariffs: input.tariffs ?? [],
    dayParts: input.dayParts ?? [],
  };
  for (const key of REMOVABLE_FIELDS) if (patch[key] === undefined) patch[key] = null;
  return patch;
}
