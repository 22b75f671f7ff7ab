// Locations: what other domains may use.
export { LocationModel, type Location } from './location.model.js';
export * from './location.vocabulary.js';
export * from './opening-hours.js';
export { locationRoutes } from './location.routes.js';
export { editableLocationsFilter, canEditLocation, canPlaceInNetwork } from './location.policy.js';
export { manageRoutes } from './manage.routes.js';
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
