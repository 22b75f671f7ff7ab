// Instance administration: what other domains (and the app) may use.
export { adminRoutes } from './admin.routes.js';
