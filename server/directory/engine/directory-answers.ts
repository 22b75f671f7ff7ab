// What the directory answers: the list page and the map's clusters and places, from the in-memory index.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { pickText, type ContentText } from '../../shared/i18n/content-text.ts';
import { photoSources, type PhotoSources } from '../../locations/index.ts';
import type { DirectoryEntry } from './directory-entry.ts';
import type { DirectoryFilters } from './directory-filters.ts';
import { hoursStateAt, wallDate, wallTimeAt, type HoursState, type ParsedOpeningHours } from '../../locations/index.ts';
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS_PX,
  type BBox,
  type DirectoryIndex,
  type ResultSet,
} from './directory-index.ts';
import { ByteRanges } from './byte-ranges.ts';
import { jsonNumber, jsonString } from './json-literal.ts';
import type { ClusterIndex, FoundItem } from './cluster-index.ts';
import { MapTiles, type FeatureSource } from './map-tiles.ts';
import { ViewCounts } from './view-count.ts';
import type { ViewerClass } from './viewer-class.ts';
import { loadPlaceNames, type PlaceNameTable } from './place-names.ts';
import { ListedLocalities, nearestEntries, whereWordsPoint, type Origin } from './nearest-places.ts';

/** A search of the list or the map: the filters, the map's view and the page of the list. */
export interface SearchQuery extends DirectoryFilters {
  bbox?: BBox;
  zoom?: number;
  page?: number;
}

export const PAGE_SIZE = 20;
const WORLD: BBox = [-180, -85, 180, 85];

export interface ListItem {
  slug: string;
  name: ContentText;
  type: string;
  locality: string;
  countryCode: string;
  networkSlug: string;
  approximate: boolean;
  lat: number;
  lng: number;
  photo?: PhotoSources;
}

/** A place offered when a search finds nothing, with how far it is from where the search pointed. */
export interface SuggestedPlace extends ListItem {
  distanceKm: number;
}

/**
 * What a search that finds nothing offers: the places nearest to where its words point (`near`), or else to the map's
 * centre, among those matching the other filters (`widened: 'words'`) or, when none does, among every place
 * (`widened: 'filters'`). No places when the search points nowhere: the reader is offered the wider search alone.
 */
export interface Suggestions {
  near?: string;
  widened: 'words' | 'filters';
  items: SuggestedPlace[];
}

export const SUGGESTION_COUNT = 5;

export interface ListPage {
  /** Matching the filters, anywhere. */
  total: number;
  /** Matching the filters within the map view (equal to total without a view). */
  inView: number;
  /** Left out by "open at" because their hours then are unknown, anywhere. */
  unknownHours: number;
  page: number;
  pageCount: number;
  items: (ListItem & { hoursNow?: HoursNow })[];
  /** Only when nothing matches the filters. */
  suggestions?: Suggestions;
  /** The box of every place matching the filters, wherever the view is (absent when none matches). */
  bounds?: BBox;
}

/** Whether a listed place is open now at its own clock, and what the rule in force says; none without hours. */
export interface HoursNow {
  state: HoursState;
  comment?: string;
}

/**
 * The state of a shared parse at a time zone for the minute last asked: reading a state costs the library about 0.2 ms,
 * a list page shows 20 places, and most places share a few values, so each is read once a minute per zone.
 */
const statesThisMinute = new WeakMap<ParsedOpeningHours, Map<string, { minute: number; hours: HoursNow }>>();

function hoursNow(entry: DirectoryEntry, now: Date): HoursNow | undefined {
  const parsed = entry.openingHours;
  if (!parsed) return undefined;
  const minute = Math.floor(now.getTime() / 60_000);
  let byZone = statesThisMinute.get(parsed);
  if (!byZone) statesThisMinute.set(parsed, (byZone = new Map<string, { minute: number; hours: HoursNow }>()));
  const known = byZone.get(entry.timeZone);
  if (known?.minute === minute) return known.hours;
  const wall = wallDate(wallTimeAt(now, entry.timeZone));
  const comment = parsed.getComment(wall);
  const hours = { state: hoursStateAt(parsed, wall), ...(comment ? { comment } : {}) };
  byZone.set(entry.timeZone, { minute, hours });
  return hours;
}

export function filtersFrom(query: SearchQuery): DirectoryFilters {
  const { q, country, type, governance, openness, spaceKind, facility, network, openAt } = query;
  return { q, country, type, governance, openness, spaceKind, facility, network, openAt };
}

function toListItem(entry: DirectoryEntry, lang: string, placeNames: PlaceNameTable): ListItem {
  return {
    slug: entry.slug,
    name: pickText(entry.name, entry.language, lang) ?? { text: entry.slug, lang: entry.language, fallback: true },
    type: entry.type,
    locality: placeNames.readerName(entry.countryCode, entry.locality, lang),
    countryCode: entry.countryCode,
    networkSlug: entry.networkSlug,
    approximate: entry.approximate,
    lat: entry.lat,
    lng: entry.lng,
    ...(entry.photo ? { photo: photoSources(entry.photo) } : {}),
  };
}

export interface ClusterProperties {
  cluster: true;
  count: number;
  expansionZoom: number;
  /** For places so close that no zoom separates them: the places themselves, to list in a popup. */
  places?: { slug: string; name: string; nameLang: string }[];
}

export interface LocationProperties extends Omit<ListItem, 'name' | 'lat' | 'lng' | 'photo'> {
  cluster: false;
  name: string;
  nameLang: string;
  nameFallback: boolean;
  /** The first photo for the popup: a JPEG, and WebP files by width. */
  photo?: { src: string; srcset: string };
}

export type DirectoryFeatureCollection = FeatureCollection<Point, ClusterProperties | LocationProperties> & {
  total: number;
  inView: number;
  zoom: number;
};

/**
 * The view widened by one cluster radius: a cluster whose centre lies just outside the view may hold places inside
 * it, and must be drawn too.
 */
export function widenedBox([minLng, minLat, maxLng, maxLat]: BBox, zoom: number): BBox {
  const degreesPerPixel = 360 / (256 * 2 ** zoom);
  const margin = CLUSTER_RADIUS_PX * degreesPerPixel;
  return [
    Math.max(-180, minLng - margin),
    Math.max(-90, minLat - margin),
    Math.min(180, maxLng + margin),
    Math.min(90, maxLat + margin),
  ];
}

const UNSPLITTABLE_LIST_SIZE = 50;

/** The centre of the map's view, where a search that names no place looks for the nearest ones. */
function viewCentre(query: SearchQuery): Origin | undefined {
  if (!query.bbox) return undefined;
  const [minLng, minLat, maxLng, maxLat] = query.bbox;
  return { lng: (minLng + maxLng) / 2, lat: (minLat + maxLat) / 2 };
}

/** How a cluster lists one of its places. */
function placeLabel(entry: DirectoryEntry, lang: string) {
  const name = pickText(entry.name, entry.language, lang) ?? { text: entry.slug, lang: entry.language };
  return { slug: entry.slug, name: name.text, nameLang: name.lang };
}

/** What the map draws for a cluster found in the view, as JSON. */
function clusterFeatureJson(result: ResultSet, clusters: ClusterIndex, found: FoundItem, lang: string): string {
  const expansionZoom = clusters.expansionZoom(found.ref);
  const unsplittable = expansionZoom > CLUSTER_MAX_ZOOM;
  const feature: Feature<Point, ClusterProperties> = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [found.lng, found.lat] },
    properties: {
      cluster: true,
      count: found.count,
      expansionZoom,
      ...(unsplittable
        ? {
            // A place's ref is its rank in the result: the best matches (or the first by name) are listed.
            places: clusters
              .leaves(found.ref, found.count)
              .sort((a, b) => a - b)
              .slice(0, UNSPLITTABLE_LIST_SIZE)
              .map((i) => placeLabel(result.entries[i]!, lang)),
          }
        : {}),
    },
  };
  return JSON.stringify(feature);
}

/**
 * What the map draws for one place, as JSON: the `LocationProperties` of its entry. Written out rather than built as
 * an object and stringified, as places are most of what a view at street level computes afresh (several times as quick).
 */
function placeFeatureJson(entry: DirectoryEntry, lng: number, lat: number, lang: string, locality: string): string {
  const name = pickText(entry.name, entry.language, lang) ?? { text: entry.slug, lang: entry.language, fallback: true };
  return (
    `{"type":"Feature","geometry":{"type":"Point","coordinates":[${jsonNumber(lng)},${jsonNumber(lat)}]},"properties":{` +
    `"slug":${jsonString(entry.slug)},"type":${jsonString(entry.type)},"locality":${jsonString(locality)},` +
    `"countryCode":${jsonString(entry.countryCode)},"networkSlug":${jsonString(entry.networkSlug)},` +
    `"approximate":${entry.approximate},"cluster":false,"name":${jsonString(name.text)},` +
    `"nameLang":${jsonString(name.lang)},"nameFallback":${name.fallback}${photoJson(entry)}}}`
  );
}

/** The popup's photo property, with its leading comma; nothing for a place without photos. */
function photoJson(entry: DirectoryEntry): string {
  if (!entry.photo) return '';
  const { src, webpSrcset } = photoSources(entry.photo);
  return `,"photo":{"src":${jsonString(src)},"srcset":${jsonString(webpSrcset)}}`;
}

const ANSWER_HEAD = Buffer.from('{"type":"FeatureCollection","features":[');

/**
 * The clusters and places of a result set at one zoom, with their JSON in one language: what map tiles and views are
 * made of. A class rather than closures made per answer: under a transpiling loader (the tests' tsx), every named
 * closure costs a call that sets its name.
 */
class ResultFeatures implements FeatureSource {
  private readonly result: ResultSet;
  private readonly clusters: ClusterIndex;
  private readonly zoom: number;
  private readonly lang: string;
  private readonly placeNames: PlaceNameTable;
  constructor(result: ResultSet, clusters: ClusterIndex, zoom: number, lang: string, placeNames: PlaceNameTable) {
    this.result = result;
    this.clusters = clusters;
    this.zoom = zoom;
    this.lang = lang;
    this.placeNames = placeNames;
  }

  find(box: BBox): FoundItem[] {
    return this.clusters.inBox(box, this.zoom);
  }

  json(found: FoundItem): string {
    return found.count > 1
      ? clusterFeatureJson(this.result, this.clusters, found, this.lang)
      : this.placeJson(this.result.entries[found.ref]!, found);
  }

  private placeJson(entry: DirectoryEntry, found: FoundItem): string {
    const locality = this.placeNames.readerName(entry.countryCode, entry.locality, this.lang);
    return placeFeatureJson(entry, found.lng, found.lat, this.lang, locality);
  }
}

/**
 * The answers of one engine's index, with what it keeps to answer map views quickly (tiles, view counts). Every answer
 * is for a class of viewers (see viewer-class.ts); today all viewers get the same answers, so none reads it yet.
 */
export class DirectoryAnswers {
  private readonly tiles = new MapTiles();
  private readonly counts = new ViewCounts();
  private readonly listedLocalities = new ListedLocalities();

  readonly index: DirectoryIndex;
  private readonly placeNames: PlaceNameTable;
  constructor(index: DirectoryIndex, placeNames: PlaceNameTable = loadPlaceNames()) {
    this.index = index;
    this.placeNames = placeNames;
  }

  listPage(query: SearchQuery, _viewer: ViewerClass, lang: string): ListPage {
    const result = this.index.search(filtersFrom(query));
    const asked = query.page ?? 1;
    let view = result.inBox(query.bbox, (asked - 1) * PAGE_SIZE, PAGE_SIZE);
    const pageCount = Math.max(1, Math.ceil(view.count / PAGE_SIZE));
    const page = Math.min(asked, pageCount);
    // A page past the end shows the last one.
    if (page !== asked) view = result.inBox(query.bbox, (page - 1) * PAGE_SIZE, PAGE_SIZE);
    const now = new Date();
    const items = view.page.map((e) => {
      const hours = hoursNow(e, now);
      return { ...toListItem(e, lang, this.placeNames), ...(hours ? { hoursNow: hours } : {}) };
    });
    const total = result.entries.length;
    const suggestions = total === 0 ? this.suggestions(query, lang) : undefined;
    const bounds = result.bounds();
    return {
      total,
      inView: view.count,
      unknownHours: result.unknownHours,
      page,
      pageCount,
      items,
      ...(suggestions ? { suggestions } : {}),
      ...(bounds ? { bounds } : {}),
    };
  }

  /** What a search that found nothing offers instead (see `Suggestions`). */
  private suggestions(query: SearchQuery, lang: string): Suggestions {
    const { index } = this;
    const withoutWords = index.search(filtersFrom({ ...query, q: undefined }));
    const widened = withoutWords.entries.length > 0 ? 'words' : 'filters';
    const pool = widened === 'words' ? withoutWords : index.search({});
    const listed = (key: string) => this.listedLocalities.named(key, () => index.entries(), index.version);
    const origin: Origin | undefined =
      whereWordsPoint(query.q ?? '', lang, listed, this.placeNames) ?? viewCentre(query);
    const items = origin
      ? nearestEntries(pool.entries, origin, SUGGESTION_COUNT).map(({ entry, km }) => ({
          ...toListItem(entry, lang, this.placeNames),
          distanceKm: km,
        }))
      : [];
    return { ...(origin?.name ? { near: origin.name } : {}), widened, items };
  }

  /**
   * The map's answer to `query`, as the pieces of its JSON: the clusters and places whose position lies in the view
   * widened by a cluster radius, with the counts. Features come from the result set's map tiles (`map-tiles.ts`),
   * whose bytes are not copied here.
   */
  mapAnswerParts(query: SearchQuery, _viewer: ViewerClass, lang: string): ByteRanges {
    const { index } = this;
    const result = index.search(filtersFrom(query));
    const zoom = query.zoom ?? 0;
    const clusters = result.clusterIndex();
    const answer = new ByteRanges();
    answer.push(ANSWER_HEAD);
    const view = widenedBox(query.bbox ?? WORLD, zoom);
    const source = new ResultFeatures(result, clusters, zoom, lang, this.placeNames);
    this.tiles.featuresInView(result, index.version, lang, zoom, view, source, answer);
    // Every feature ends with a comma, which JSON does not allow after the last one.
    if (answer.length > ANSWER_HEAD.length) answer.trimEnd(1);
    const inView = this.counts.count(result, query.bbox, index.version);
    answer.push(Buffer.from(`],"total":${result.entries.length},"inView":${inView},"zoom":${zoom}}`, 'latin1'));
    return answer;
  }

  /** The map's answer as the bytes of its JSON. */
  mapAnswerBody(query: SearchQuery, viewer: ViewerClass, lang: string): Buffer {
    return this.mapAnswerParts(query, viewer, lang).join();
  }

  /** The map's answer as objects, for code that reads it rather than sends it. */
  mapFeatures(query: SearchQuery, viewer: ViewerClass, lang: string): DirectoryFeatureCollection {
    return JSON.parse(this.mapAnswerBody(query, viewer, lang).toString()) as DirectoryFeatureCollection;
  }
}
