// Routes of open data: the directory's list as CSV and GeoJSON.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { EXPORT_PATHS, type DirectoryEngine } from '../directory/index.ts';
import { exportController } from './export.controller.ts';

export function opendataRoutes(ctx: RouteContext, directory: DirectoryEngine): Router {
  const exports = exportController(directory, ctx.config.baseUrl);
  const routes = Router();
  routes.get(EXPORT_PATHS.csv, exports.csv);
  routes.get(EXPORT_PATHS.geojson, exports.geojson);
  return routes;
}
