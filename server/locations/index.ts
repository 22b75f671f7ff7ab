// Locations: what other domains (and the app) may use. Routes are mounted by app.ts; the model stays inside.
export type { Location } from './location.model.ts';
export * from './location.vocabulary.ts';
export * from './opening-hours.ts';
export { editableLocationsFilter, canEditLocation, canPlaceInNetwork } from './location.policy.ts';
export { missingTranslations, type MissingTranslations } from './translations.ts';
export {
  locationInputSchema,
  locationCreateSchema,
  locationPatchSchema,
  type LocationInput,
  type LocationCreate,
  type LocationPatch,
} from './location-write.schemas.ts';
export {
  createLocation,
  updateLocation,
  setLocationStatus,
  editableLocationRef,
  type EditableLocationRef,
} from './location-write.service.ts';
export { findPublishedLocation, locationRefsByIds } from './location.service.ts';
export { publishedLocationsAmong } from './location-export.service.ts';
export { defaultTimeZone } from './manage-view.ts';
export { placeUrlFrom } from './back-to-search.ts';
export { hasLocations, insertLocations } from './location-import.service.ts';
export { networkLocations } from './network-locations.ts';
export type { ListedPlaces } from './listed-places.ts';
export type { PlaceOnPage, PlaceSection, PlaceSections } from './place-sections.ts';
export { directoryListings, LISTED_FIELDS } from './directory-listings.ts';
export { fileSystemPhotoStore, type PhotoStore } from './photo-store.ts';
export { photoSources, type PhotoRef, type PhotoSources } from './photo-urls.ts';
export { offeredDayPart, localDateAt, addDays, weekdayOf, type OfferedDayPart } from './day-parts.ts';
export {
  capacitiesByIds,
  largestCapacityOf,
  pricedPlaceBySlug,
  type PricedPlace,
  type LocationCapacity,
} from './pricing-facts.ts';
export type { PlacePrices } from './place-prices.ts';
export type { ComingEvents, ComingEventRef } from './coming-events.ts';
export { eventPlaceBySlug, eventPlacesByIds, placesForEvents, type EventPlace } from './event-places.ts';
export {
  syncSourcedLocations,
  type SourcedFields,
  type SourcedRecord,
  type SourceInfo,
  type SyncReport,
  type RejectedRecord,
} from './location-source-sync.service.ts';
export {
  allLocationIds,
  locationsByIds,
  locationsFollowedFrom,
  saveFollowedLocation,
  deleteFollowedLocations,
  markFollowedLocationsStale,
  type FederatedLocation,
} from './federated-listings.ts';
