// Routes of open data: the API's description, the directory's list as CSV and GeoJSON, and a network admin's imports.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { EXPORT_PATHS, type DirectoryEngine } from '../directory/index.ts';
import { embedController, EMBED_PATH } from './embed.controller.ts';
import { exportController } from './export.controller.ts';
import { importController } from './import.controller.ts';
import { API_REFERENCE_PATH, openApiController, OPENAPI_PATH } from './openapi.controller.ts';

export function opendataRoutes(ctx: RouteContext, directory: DirectoryEngine): Router {
  const exports = exportController(directory, ctx.config.baseUrl);
  const imports = importController(ctx.logger);
  const openApi = openApiController(ctx.config.baseUrl);
  const routes = Router();
  routes.get(OPENAPI_PATH, openApi.json);
  routes.get(API_REFERENCE_PATH, openApi.reference);
  routes.get(EXPORT_PATHS.csv, exports.csv);
  routes.get(EXPORT_PATHS.geojson, exports.geojson);
  routes.get('/networks/:slug/admin/import', imports.page);
  routes.post('/networks/:slug/admin/import', imports.upload);
  routes.get('/networks/:slug/admin/import/:jobId', imports.job);
  routes.post('/networks/:slug/admin/import/:jobId', imports.submit);
  return routes;
}

/**
 * /embed, mounted before cookies and sessions are read: a page framed on other sites sets no cookie and reads none.
 */
export function embedRoutes(directory: DirectoryEngine, config: RouteContext['config']): Router {
  const embed = embedController(directory, config);
  const routes = Router();
  routes.get(EMBED_PATH, embed.page);
  return routes;
}
