// Reading one published location for its page and its JSON twin, in the reader's language.
import { photoViews, type PhotoView } from './photo-view.ts';
import { pickText, type ContentText, type ReaderLanguages } from '../shared/i18n/content-text.ts';
import { findNetworkById } from '../networks/index.ts';
import type { ListedPlaces } from './listed-places.ts';
import { notFound } from '../shared/errors/app-error.ts';
import { LocationModel, type Location } from './location.model.ts';
import {
  formatWallTime,
  openStateAt,
  sharedOpeningHours,
  wallDate,
  wallTimeAt,
  weekSchedule,
} from './opening-hours.ts';
import { dayPartsShown } from './day-parts.ts';

export interface HoursView {
  value: string;
  timeZone: string;
  open: boolean;
  unknown: boolean;
  /** What the rule in force now says of itself ("ondernemerscafé", "op afspraak"). */
  comment?: string;
  /**
   * False for a stored value the library read only by correcting it ("ma-vr 9-17", from before the editor refused
   * such values, or imported): it is shown as written, not as OpenStreetMap syntax.
   */
  wellFormed: boolean;
  /** "HH:mm" at the place, and whether that change is later today. */
  nextChange?: { time: string; date: string; today: boolean };
  week: {
    date: string;
    weekday: number;
    intervals: { from: string; to: string; unknown?: boolean; comment?: string }[];
  }[];
}

export interface LocationView {
  id: string;
  slug: string;
  language: string;
  name: ContentText;
  description?: ContentText;
  nameMap: Record<string, string | undefined>;
  descriptionMap: Record<string, string | undefined>;
  type: string;
  model: { governance: string; openness: string; spaceKind: string };
  address: Location['address'];
  coordinates: { lat: number; lng: number; approximate: boolean };
  openingHours?: HoursView;
  /** Stored hours that do not parse at all (imported free text, "sur rendez-vous"): shown as written. */
  hoursText?: string;
  facilities: string[];
  wifiMbps?: number;
  capacity: { desks?: number };
  contact: { website?: string; email?: string; phone?: string };
  tariffs: { category: string; amount: number; currency: string; per: string; dayPart?: string }[];
  dayParts: { part: string; from: string; to: string; days?: string[] }[];
  network: { id: string; slug: string; name?: ContentText };
  source: Location['source'];
  /** A listing followed from a peer: who listed it, where, and since when it is not confirmed. */
  origin?: { peerName: string; url?: string; staleSince?: string };
  photos: PhotoView[];
  updatedAt: string;
}

const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function hoursView(
  location: Pick<Location, 'openingHours' | 'timeZone' | 'address' | 'coordinates'>,
  now: Date,
) {
  if (!location.openingHours) return undefined;
  let hours;
  try {
    hours = sharedOpeningHours(
      location.openingHours,
      location.address.countryCode,
      location.coordinates,
      location.timeZone,
      location.address.region,
    );
  } catch {
    return undefined;
  }
  const wall = wallDate(wallTimeAt(now, location.timeZone));
  const state = openStateAt(hours, wall);
  const view: HoursView = {
    value: location.openingHours,
    timeZone: location.timeZone,
    open: state.open,
    unknown: state.unknown,
    ...(state.comment ? { comment: state.comment } : {}),
    wellFormed: hours.getWarnings().length === 0,
    week: weekSchedule(hours, wall).map((day) => ({
      date: isoDay(day.date),
      weekday: day.date.getDay(),
      intervals: day.intervals,
    })),
  };
  if (state.nextChange) {
    view.nextChange = {
      time: formatWallTime(state.nextChange),
      date: isoDay(state.nextChange),
      today: isoDay(state.nextChange) === isoDay(wall),
    };
  }
  return view;
}

/** A published location's view; a slug `listed` does not know is not found without reading the database. */
export async function findPublishedLocation(
  slug: string,
  lang: ReaderLanguages,
  listed: ListedPlaces,
  now = new Date(),
): Promise<LocationView> {
  return (await findPublishedPlace(slug, lang, listed, now)).view;
}

/** The view and the stored location it was made from (the place page prices its day-parts from the latter). */
export async function findPublishedPlace(
  slug: string,
  lang: ReaderLanguages,
  listed: ListedPlaces,
  now = new Date(),
): Promise<{ view: LocationView; location: Location }> {
  const id = await listed.idOf(slug);
  if (id === undefined) throw notFound('locationNotFound');
  const found =
    id === null
      ? await LocationModel.findOne({ slug, status: 'published' }).lean<Location>()
      : await LocationModel.findById(id).lean<Location>();
  // Unpublished or renamed by another server a moment ago, which the directory has not followed yet.
  const location = found?.status === 'published' && found.slug === slug ? found : undefined;
  if (!location) throw notFound('locationNotFound');
  const network = await findNetworkById(location.network);
  const name = pickText(location.name, location.language, lang) ?? {
    text: slug,
    lang: location.language,
    fallback: true,
  };
  const description = pickText(location.description, location.language, lang);
  const hours = hoursView(location, now);
  const view: LocationView = {
    id: location._id.toString(),
    slug: location.slug,
    language: location.language,
    name,
    ...(description ? { description } : {}),
    nameMap: location.name,
    descriptionMap: location.description ?? {},
    type: location.type,
    model: location.model,
    address: location.address,
    coordinates: {
      lat: location.coordinates.lat,
      lng: location.coordinates.lng,
      approximate: Boolean(location.coordinates.approximate),
    },
    ...(hours ? { openingHours: hours } : {}),
    ...(location.openingHours && !hours ? { hoursText: location.openingHours } : {}),
    facilities: location.facilities ?? [],
    ...(location.wifiMbps != null ? { wifiMbps: location.wifiMbps } : {}),
    capacity: location.capacity?.desks != null ? { desks: location.capacity.desks } : {},
    contact: Object.fromEntries(Object.entries(location.contact ?? {}).filter(([, v]) => v)),
    tariffs: (location.tariffs ?? []).map((t) => ({
      category: t.category,
      amount: t.amount,
      currency: t.currency,
      per: t.per ?? 'day-part',
      ...(t.dayPart ? { dayPart: t.dayPart } : {}),
    })),
    dayParts: dayPartsShown(location),
    network: {
      id: location.network.toString(),
      slug: network?.slug ?? '',
      ...(network ? { name: pickText(network.name, network.language, lang) } : {}),
    },
    source: location.source,
    ...(location.origin
      ? {
          origin: {
            peerName: location.source?.name ?? '',
            ...(location.origin.url ? { url: location.origin.url } : {}),
            ...(location.origin.staleSince ? { staleSince: location.origin.staleSince.toISOString() } : {}),
          },
        }
      : {}),
    photos: photoViews(location.photos, location.language, lang),
    updatedAt: location.updatedAt.toISOString(),
  };
  return { view, location };
}

/** The slug, name and status of each location among `ids` that exists, by id. */
export async function locationRefsByIds(
  ids: { toString(): string }[],
): Promise<Map<string, { slug: string; language: string; name: Record<string, string>; status: string }>> {
  if (ids.length === 0) return new Map();
  const found = await LocationModel.find({ _id: { $in: ids.map(String) } })
    .select('slug language name status')
    .lean();
  return new Map(
    found.map((l) => [
      l._id.toString(),
      { slug: l.slug, language: l.language, name: (l.name ?? {}) as Record<string, string>, status: l.status },
    ]),
  );
}
