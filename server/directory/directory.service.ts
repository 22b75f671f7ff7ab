// Directory queries: the list page and the map's clusters, answered from the in-memory index.
import type { Feature, FeatureCollection, Point } from 'geojson';
import type Supercluster from 'supercluster';
import { pickText, type ContentText } from '../i18n/content-text.js';
import type { DirectoryEntry } from './directory-entry.js';
import type { DirectoryFilters } from './directory-filters.js';
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS_PX,
  type BBox,
  type DirectoryIndex,
  type ResultSet,
} from './directory-index.js';
import { featureMemo } from './feature-memo.js';
import { countInView } from './view-count.js';
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

type Clusters = Supercluster<{ i: number }>;
type Found = ReturnType<Clusters['getClusters']>[number];
type MapFeature = Feature<Point, ClusterProperties | LocationProperties>;

const isCluster = (found: Found): found is Supercluster.ClusterFeature<Supercluster.AnyProps> =>
  (found.properties as { cluster?: boolean }).cluster === true;

/** What the map draws for one cluster or place that supercluster found in the view. */
function toMapFeature(
  result: ResultSet,
  clusters: Clusters,
  found: Found,
  lang: string,
  expansionZoomOf: (clusterId: number) => number,
): MapFeature {
  if (isCluster(found)) {
    const { cluster_id: clusterId, point_count: count } = found.properties;
    const expansionZoom = expansionZoomOf(clusterId);
    const unsplittable = expansionZoom > CLUSTER_MAX_ZOOM;
    const label = (i: number) => {
      const { slug, name } = toListItem(result.entries[i]!, lang);
      return { slug, name: name.text, nameLang: name.lang };
    };
    return {
      type: 'Feature',
      geometry: found.geometry,
      properties: {
        cluster: true,
        count,
        expansionZoom,
        ...(unsplittable
          ? { places: clusters.getLeaves(clusterId, UNSPLITTABLE_LIST_SIZE).map((leaf) => label(leaf.properties.i)) }
          : {}),
      },
    };
  }
  const { name, lat: _lat, lng: _lng, ...rest } = toListItem(result.entries[found.properties.i]!, lang);
  return {
    type: 'Feature',
    geometry: found.geometry,
    properties: { ...rest, cluster: false, name: name.text, nameLang: name.lang, nameFallback: name.fallback },
  };
}

/** The result set, its clusters and what they hold in the query's view. */
function mapView(index: DirectoryIndex, query: DirectoryQuery) {
  const result = index.search(filtersFrom(query));
  const zoom = query.zoom ?? 0;
  const clusters = result.clusterIndex();
  const found = clusters.getClusters(widenedBox(query.bbox ?? WORLD, zoom), zoom);
  return {
    result,
    clusters,
    found,
    zoom,
    total: result.entries.length,
    inView: countInView(result, query.bbox, index.version),
  };
}

export function mapFeatures(index: DirectoryIndex, query: DirectoryQuery, lang: string): DirectoryFeatureCollection {
  const { result, clusters, found, zoom, total, inView } = mapView(index, query);
  const expansionZoomOf = (clusterId: number) => clusters.getClusterExpansionZoom(clusterId);
  const features = found.map((f) => toMapFeature(result, clusters, f, lang, expansionZoomOf));
  return { type: 'FeatureCollection', features, total, inView, zoom };
}

/**
 * `JSON.stringify(mapFeatures(…))`, byte for byte, with each feature's JSON and each cluster's expansion zoom taken
 * from the result set's memo when an earlier view already computed them.
 */
export function mapFeaturesJson(index: DirectoryIndex, query: DirectoryQuery, lang: string): string {
  const { result, clusters, found, zoom, total, inView } = mapView(index, query);
  const memo = featureMemo(result, index.version);
  const expansionZoomOf = (clusterId: number) =>
    memo.expansionZoom(clusterId, (id) => clusters.getClusterExpansionZoom(id));
  const clusterJson = memo.table(lang, 'cluster');
  const placeJson = memo.table(lang, 'place');
  const json = (table: Map<number, string>, id: number, f: Found) =>
    table.get(id) ?? memo.remember(table, id, JSON.stringify(toMapFeature(result, clusters, f, lang, expansionZoomOf)));
  const features = found.map((f) =>
    isCluster(f) ? json(clusterJson, f.properties.cluster_id, f) : json(placeJson, f.properties.i, f),
  );
  return `{"type":"FeatureCollection","features":[${features.join(',')}],"total":${total},"inView":${inView},"zoom":${zoom}}`;
}
