// What the programmes domain may know of a location: where an event takes place (name, address, position, zone)
// and who runs it. Read when events are written and when the agenda is built, never per request.
import type { Types } from 'mongoose';
import { editableLocationsFilter } from './location.policy.ts';
import { LocationModel, type Location } from './location.model.ts';
import type { Principal } from '../shared/principal.ts';

export interface EventPlace {
  id: string;
  slug: string;
  language: string;
  name: Record<string, string>;
  status: string;
  network: Types.ObjectId;
  timeZone: string;
  address: Location['address'];
  coordinates: { lat: number; lng: number };
}

const FIELDS = 'slug language name status network timeZone address coordinates';

const place = (l: Location): EventPlace => ({
  id: l._id.toString(),
  slug: l.slug,
  language: l.language,
  name: (l.name ?? {}) as Record<string, string>,
  status: l.status,
  network: l.network,
  timeZone: l.timeZone,
  address: l.address,
  coordinates: { lat: l.coordinates.lat, lng: l.coordinates.lng },
});

export async function eventPlaceBySlug(slug: string): Promise<EventPlace | undefined> {
  const found = await LocationModel.findOne({ slug }).select(FIELDS).lean<Location>();
  return found ? place(found) : undefined;
}

export async function eventPlacesByIds(ids: { toString(): string }[]): Promise<Map<string, EventPlace>> {
  if (ids.length === 0) return new Map();
  const found = await LocationModel.find({ _id: { $in: [...new Set(ids.map(String))] } })
    .select(FIELDS)
    .lean<Location[]>();
  return new Map(found.map((l) => [l._id.toString(), place(l)]));
}

/** The locations (not archived) where a principal may run events, for the event form's choice. */
export async function placesForEvents(p: Principal): Promise<EventPlace[]> {
  const filter = editableLocationsFilter(p);
  if (!filter) return [];
  const found = await LocationModel.find({ ...filter, status: { $ne: 'archived' } })
    .select(FIELDS)
    .sort({ slug: 1 })
    .limit(500)
    .lean<Location[]>();
  return found.map(place);
}
