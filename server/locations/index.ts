// Locations: what other domains (and the app) may use. Routes are mounted by app.ts; the model stays inside.
export type { Location } from './location.model.js';
export * from './location.vocabulary.js';
export * from './opening-hours.js';
export { editableLocationsFilter, canEditLocation, canPlaceInNetwork } from './location.policy.js';
export { missingTranslations, type MissingTranslations } from './translations.js';
export {
  locationInputSchema,
  locationCreateSchema,
  locationPatchSchema,
  type LocationInput,
  type LocationCreate,
  type LocationPatch,
} from './location-write.schemas.js';
export { createLocation, updateLocation, setLocationStatus } from './location-write.service.js';
export { findPublishedLocation, locationRefsByIds } from './location.service.js';
export { hasLocations, insertLocations } from './location-import.service.js';
export { networkLocations } from './network-locations.js';
export { directoryListings, LISTED_FIELDS } from './directory-listings.js';
