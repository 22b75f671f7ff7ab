// A place page's schema.org `Place` in JSON-LD: names per language, address, position, and the opening hours as
// `OpeningHoursSpecification` where a week of them reads as plain open intervals.
import type { HoursView, LocationView } from './location.service.ts';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The week's intervals as specifications, one per distinct interval with the days it holds on; undefined when any
 * interval is unknown or commented (an appointment, a programme), which the vocabulary cannot say.
 */
export function openingHoursSpecification(hours: HoursView | undefined) {
  if (!hours || !hours.wellFormed) return undefined;
  const byInterval = new Map<string, { opens: string; closes: string; days: string[] }>();
  for (const day of hours.week) {
    for (const interval of day.intervals) {
      if (interval.unknown || interval.comment) return undefined;
      const closes = interval.to === '24:00' ? '23:59' : interval.to;
      const key = `${interval.from}-${closes}`;
      const spec = byInterval.get(key) ?? { opens: interval.from, closes, days: [] };
      const name = DAY_NAMES[day.weekday]!;
      if (!spec.days.includes(name)) spec.days.push(name);
      byInterval.set(key, spec);
    }
  }
  return [...byInterval.values()].map((spec) => ({
    '@type': 'OpeningHoursSpecification',
    // Monday first, whichever day the week was read from.
    dayOfWeek: spec.days
      .sort((a, b) => ((DAY_NAMES.indexOf(a) + 6) % 7) - ((DAY_NAMES.indexOf(b) + 6) % 7))
      .map((d) => `https://schema.org/${d}`),
    opens: spec.opens,
    closes: spec.closes,
  }));
}

/** The location as a schema.org Place, for search engines and other readers of the page. */
export function placeJsonLd(location: LocationView, pageUrl: string) {
  const names = Object.entries(location.nameMap).filter(([, text]) => text);
  const descriptions = Object.entries(location.descriptionMap).filter(([, text]) => text);
  const specification = openingHoursSpecification(location.openingHours);
  const { address } = location;
  return {
    '@context': 'https://schema.org',
    '@type': 'Place',
    '@id': pageUrl,
    url: pageUrl,
    name: names.map(([lang, text]) => ({ '@language': lang, '@value': text })),
    ...(descriptions.length
      ? { description: descriptions.map(([lang, text]) => ({ '@language': lang, '@value': text })) }
      : {}),
    address: {
      '@type': 'PostalAddress',
      ...(address.street ? { streetAddress: address.street } : {}),
      ...(address.postcode ? { postalCode: address.postcode } : {}),
      addressLocality: address.locality,
      ...(address.region ? { addressRegion: address.region } : {}),
      addressCountry: address.countryCode,
    },
    geo: { '@type': 'GeoCoordinates', latitude: location.coordinates.lat, longitude: location.coordinates.lng },
    ...(location.contact.website ? { sameAs: location.contact.website } : {}),
    ...(location.contact.phone ? { telephone: location.contact.phone } : {}),
    ...(specification?.length ? { openingHoursSpecification: specification } : {}),
    ...(location.facilities.length
      ? {
          amenityFeature: location.facilities.map((f) => ({
            '@type': 'LocationFeatureSpecification',
            name: f,
            value: true,
          })),
        }
      : {}),
  };
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped, so listing text cannot close the element. */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
