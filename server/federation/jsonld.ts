// Records as schema.org JSON-LD for the feeds: `Place` for a location, `Organization` for a network. Texts are
// language maps (`name: { fr: …, nl: … }`), declared as such in the context, with the record's own language.
import type { FederatedLocation } from '../locations/index.ts';
import type { Network } from '../networks/index.ts';

export const JSONLD_CONTEXT = [
  'https://schema.org/',
  {
    name: { '@id': 'schema:name', '@container': '@language' },
    description: { '@id': 'schema:description', '@container': '@language' },
    passerelle: 'https://passerelle.coop/ns#',
  },
];

const plainMap = (map: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((map ?? {}) as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    ),
  );

export function placeJsonLd(location: FederatedLocation, baseUrl: string): Record<string, unknown> {
  const url = `${baseUrl}/locations/${location.slug}`;
  return {
    '@context': JSONLD_CONTEXT,
    '@type': 'Place',
    '@id': url,
    identifier: location._id.toString(),
    url,
    inLanguage: location.language,
    name: plainMap(location.name),
    description: plainMap(location.description),
    additionalType: `passerelle:${location.type}`,
    'passerelle:model': { ...location.model },
    address: {
      '@type': 'PostalAddress',
      streetAddress: location.address.street ?? undefined,
      postalCode: location.address.postcode ?? undefined,
      addressLocality: location.address.locality,
      addressRegion: location.address.region ?? undefined,
      addressCountry: location.address.countryCode,
    },
    geo: {
      '@type': 'GeoCoordinates',
      latitude: location.coordinates.lat,
      longitude: location.coordinates.lng,
      'passerelle:approximate': location.coordinates.approximate ?? false,
    },
    // The OSM syntax as the place wrote it; schema.org's openingHours takes a simpler form of the same.
    openingHours: location.openingHours ?? undefined,
    'passerelle:timeZone': location.timeZone,
    amenityFeature: (location.facilities ?? []).map((facility) => ({
      '@type': 'LocationFeatureSpecification',
      name: facility,
      value: true,
    })),
    maximumAttendeeCapacity: location.capacity?.desks ?? undefined,
    publisher: { '@type': 'Organization', identifier: location.network.toString() },
    dateModified: location.updatedAt?.toISOString(),
  };
}

export function organizationJsonLd(network: Network, baseUrl: string): Record<string, unknown> {
  const url = `${baseUrl}/networks/${network.slug}`;
  return {
    '@context': JSONLD_CONTEXT,
    '@type': 'Organization',
    '@id': url,
    identifier: network._id.toString(),
    url,
    inLanguage: network.language,
    name: plainMap(network.name),
    description: plainMap(network.description),
    'passerelle:slug': network.slug,
    address: network.countryCode ? { '@type': 'PostalAddress', addressCountry: network.countryCode } : undefined,
    sameAs: network.website ?? undefined,
  };
}
