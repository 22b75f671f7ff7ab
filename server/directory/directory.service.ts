// Directory queries: the list page and the map's clusters, answered from the in-memory index.
import type { Feature, FeatureCollection, Point } from 'geojson';
import { pickText, type ContentText } from '../i18n/content-text.js';
import type { DirectoryEntry } from './directory-entry.js';
import type { DirectoryFilters } from './directory-filters.js';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS_PX, type BBox, type DirectoryIndex } from './directory-index.js';
import type { DirectoryQuery } from './directory.schemas.js';

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
}

export interface ListPage {
  /** Matching the filters, anywhere. */
  total: number;
  /** Matching the filters within the map view (equal to total without a view). */
  inView: number;
  page: number;
  pageCount: number;
  items: ListItem[];
}

export function filtersFrom(query: DirectoryQuery): DirectoryFilters {
  const { q, country, type, governance, openness, spaceKind, facility, network, openAt } = query;
  return { q, country, type, governance, openness, spaceKind, facility, network, openAt };
}

function toListItem(entry: DirectoryEntry, lang: string): ListItem {
  return {
    slug: entry.slug,
    name: pickText(entry.name, entry.language, lang) ?? { text: entry.slug, lang: entry.language, fallback: true },
    type: entry.type,
    locality: entry.locality,
    countryCode: entry.countryCode,
    networkSlug: entry.networkSlug,
    approximate: entry.approximate,
    lat: entry.lat,
    lng: entry.lng,
  };
}

export function listPage(index: DirectoryIndex, query: DirectoryQuery, lang: string): ListPage {
  const result = index.search(filtersFrom(query));
  const asked = query.page ?? 1;
  let view = result.inBox(query.bbox, (asked - 1) * PAGE_SIZE, PAGE_SIZE);
  const pageCount = Math.max(1, Math.ceil(view.count / PAGE_SIZE));
  const page = Math.min(asked, pageCount);
  // A page past the end shows the last one.
  if (page !== asked) view = result.inBox(query.bbox, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const items = view.page.map((e) => toListItem(e, lang));
  return { total: result.entries.length, inView: view.count, page, pageCount, items };
}

export interface ClusterProperties {
  cluster: true;
  count: number;
  expansionZoom: number;
  /** For places so close that no zoom separates them: the places themselves, to list in a popup. */
  places?: { slug: string; name: string; nameLang: string }[];
}

export interface LocationProperties extends Omit<ListItem, 'name' | 'lat' | 'lng'> {
  cluster: false;
  name: string;
  nameLang: string;
  nameFallback: boolean;
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

export function mapFeatures(index: DirectoryIndex, query: DirectoryQuery, lang: string): DirectoryFeatureCollection {
  const result = index.search(filtersFrom(query));
  const zoom = query.zoom ?? 0;
  const bbox = query.bbox ?? WORLD;
  const clusters = result.clusterIndex();
  const label = (i: number) => {
    const item = toListItem(result.entries[i]!, lang);
    return { slug: item.slug, name: item.name.text, nameLang: item.name.lang };
  };
  const features = clusters
    .getClusters(widenedBox(bbox, zoom), zoom)
    .map((feature): Feature<Point, ClusterProperties | LocationProperties> => {
      const props = feature.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; i?: number };
      if (props.cluster) {
        const expansionZoom = clusters.getClusterExpansionZoom(props.cluster_id!);
        const unsplittable = expansionZoom > CLUSTER_MAX_ZOOM;
        return {
          type: 'Feature',
          geometry: feature.geometry,
          properties: {
            cluster: true,
            count: props.point_count!,
            expansionZoom,
            ...(unsplittable
              ? {
                  places: clusters
                    .getLeaves(props.cluster_id!, UNSPLITTABLE_LIST_SIZE)
                    .map((leaf) => label(leaf.properties.i)),
                }
              : {}),
          },
        };
      }
      const { name, lat: _lat, lng: _lng, ...rest } = toListItem(result.entries[props.i!]!, lang);
      return {
        type: 'Feature',
        geometry: feature.geometry,
        properties: { ...rest, cluster: false, name: name.text, nameLang: name.lang, nameFallback: name.fallback },
      };
    });
  return {
    type: 'FeatureCollection',
    features,
    total: result.entries.length,
    inView: result.inBox(query.bbox, 0, 0).count,
    zoom,
  };
}
