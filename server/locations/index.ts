// Locations: what other domains may use.
export { LocationModel, type Location } from './location.model.js';
export * from './location.vocabulary.js';
export * from './opening-hours.js';
export { locationRoutes } from './location.routes.js';
export { editableLocationsFilter, canEditLocation, canPlaceInNetwork } from './location.policy.js';
export { manageRoutes } from './manage.routes.js';
