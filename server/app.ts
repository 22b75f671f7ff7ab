// Builds the Express app from its parts; it neither listens nor connects, so tests use it as it is.
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Config } from './config/index.js';
import { directoryRoutes, type DirectoryReadModel } from './directory/index.js';
import { healthRoutes } from './health/health.routes.js';
import { languageMiddleware } from './i18n/i18n.js';
import { viewLocals } from './i18n/view-locals.js';
import { locationRoutes } from './locations/index.js';
import { errorHandler, notFoundHandler } from './shared/http/error-handler.js';
import { securityHeaders } from './shared/http/security.js';
import type { Logger } from './shared/logging/logger.js';

export interface AppContext {
  config: Config;
  logger: Logger;
  directory: DirectoryReadModel;
}

const ROOT = path.resolve(import.meta.dirname, '..');

export function buildApp({ config, logger, directory }: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('view engine', 'ejs');
  app.set('views', path.join(ROOT, 'views'));

  app.use(securityHeaders(config.TILE_URL, config.baseUrl.startsWith('https:')));
  app.use('/assets', express.static(path.join(ROOT, 'public'), { maxAge: '1h' }));
  app.use('/assets/vendor/leaflet', express.static(path.join(ROOT, 'node_modules/leaflet/dist'), { maxAge: '1d' }));
  app.use(cookieParser());
  app.use(languageMiddleware);
  app.use(viewLocals(config));

  app.use(healthRoutes(directory));
  app.use(directoryRoutes(directory));
  app.use(locationRoutes());

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
