// schema.org `Event` JSON-LD of an occurrence, with its `Place`, for search engines and other agendas.
import type { EventView, OccurrenceView } from './agenda.service.ts';

export function eventJsonLd(event: EventView, occurrence: OccurrenceView | undefined, baseUrl: string) {
  const place = event.place;
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title.text,
    inLanguage: event.title.lang,
    ...(event.description ? { description: event.description.text } : {}),
    url: `${baseUrl}${occurrence?.url ?? event.url}`,
    ...(occurrence ? { startDate: occurrence.start, endDate: occurrence.end } : {}),
    eventStatus: `https://schema.org/${occurrence?.cancelled || event.status === 'cancelled' ? 'EventCancelled' : 'EventScheduled'}`,
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    isAccessibleForFree: event.free,
    ...(place
      ? {
          location: {
            '@type': 'Place',
            name: place.name.text,
            url: `${baseUrl}/locations/${place.slug}`,
            address: {
              '@type': 'PostalAddress',
              ...(place.street ? { streetAddress: place.street } : {}),
              ...(place.postcode ? { postalCode: place.postcode } : {}),
              addressLocality: place.locality,
              addressCountry: place.countryCode,
            },
            geo: { '@type': 'GeoCoordinates', latitude: place.lat, longitude: place.lng },
          },
        }
      : {}),
    ...(event.prices.length
      ? {
          offers: event.prices.map((price) => ({
            '@type': 'Offer',
            price: price.amount,
            priceCurrency: price.currency,
            category: price.category,
          })),
        }
      : {}),
    ...(event.capacity ? { maximumAttendeeCapacity: event.capacity } : {}),
  };
}

/** JSON-LD written into a page: `<` escaped so the text cannot end the script element. */
export const jsonLdText = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
