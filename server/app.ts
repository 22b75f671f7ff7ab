// Builds the app from its parts; it neither listens nor connects, so tests use it as it is.
import type { RequestListener } from 'node:http';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { accountRoutes } from './account/account.routes.ts';
import { adminRoutes } from './admin/admin.routes.ts';
import type { RouteContext } from './app-context.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { authenticate, configurePassport, DatabaseSessionStore, sessionMiddleware } from './auth/index.ts';
import type { Config } from './config/index.ts';
import { directoryRoutes } from './directory/directory.routes.ts';
import type { DirectoryEngine } from './directory/index.ts';
import { healthRoutes } from './health/health.routes.ts';
import { languageMiddleware, requestLanguage } from './shared/i18n/i18n.ts';
import { viewLocals } from './shared/i18n/view-locals.ts';
import { networkLocations } from './locations/index.ts';
import { locationRoutes } from './locations/location.routes.ts';
import { manageRoutes } from './locations/manage.routes.ts';
import { photoFileRoutes, photoRoutes } from './locations/photo.routes.ts';
import { fileSystemPhotoStore, type PhotoStore } from './locations/index.ts';
import { createMailer, type Mailer } from './mail/index.ts';
import { outboxRoutes } from './mail/outbox.routes.ts';
import { loadPrincipal } from './networks/index.ts';
import { networkRoutes } from './networks/network.routes.ts';
import { csrfProtection } from './shared/http/csrf.ts';
import { cachedPrincipals } from './shared/principal-cache.ts';
import { flashLocals, saveSessionBeforeRedirect } from './shared/http/flash.ts';
import { errorHandler, notFoundHandler } from './shared/http/error-handler.ts';
import { headersSetBy, securityHeaders } from './shared/http/security.ts';
import type { Logger } from './shared/logging/logger.ts';

export interface AppContext {
  config: Config;
  logger: Logger;
  directory: DirectoryEngine;
  /** Defaults to SMTP_URL, or the local outbox. */
  mailer?: Mailer;
  /** Where photo files are kept; defaults to `photos/` under DATA_DIR. */
  photoStore?: PhotoStore;
}

export interface App {
  /** What the HTTP server calls: anonymous map reads are answered first, without Express; the rest by `express`. */
  listener: RequestListener;
  /** The full stack. */
  express: Express;
}

const ROOT = path.resolve(import.meta.dirname, '..');

export function buildApp({ config, logger, directory, mailer, photoStore }: AppContext): App {
  const app = express();
  const photos = photoStore ?? fileSystemPhotoStore(path.join(config.dataDir, 'photos'));
  const routeContext: RouteContext = { config, logger, mailer: mailer ?? createMailer(config), networkLocations };
  const passport = configurePassport();
  const security = securityHeaders(config.TILE_URL, config.baseUrl.startsWith('https:'));
  const directoryHttp = directoryRoutes(directory, headersSetBy(security));
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('view engine', 'ejs');
  app.set('views', path.join(ROOT, 'views'));
  // Express reads NODE_ENV from process.env, which need not be where our config came from (the bench passes it in).
  // Uncached, every page compiles its templates and their includes again, reading them from disk.
  app.set('view cache', config.NODE_ENV === 'production');

  app.use(security);
  app.use('/assets', express.static(path.join(ROOT, 'public'), { maxAge: '1h' }));
  app.use('/assets/vendor/leaflet', express.static(path.join(ROOT, 'node_modules/leaflet/dist'), { maxAge: '1d' }));
  app.use(photoFileRoutes(photos));
  app.use(cookieParser());
  app.use(sessionMiddleware(config, new DatabaseSessionStore()));
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(authenticate(cachedPrincipals(loadPrincipal)));
  app.use(languageMiddleware);
  app.use(saveSessionBeforeRedirect);
  app.use(flashLocals);
  // View locals come before the CSRF check, so its 403 page can be rendered and translated.
  app.use(viewLocals(config));
  // Bodies are read after the page locals, so a body that is too large or malformed gets a translated error page.
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }));
  app.use(express.json({ limit: '200kb' }));
  app.use(csrfProtection);

  app.use(healthRoutes(directory));
  app.use(directoryHttp.routes);
  app.use(locationRoutes({ idOf: (slug) => directory.listedPlaceId(slug) }));
  app.use(authRoutes(routeContext));
  app.use(accountRoutes(routeContext));
  app.use(networkRoutes(routeContext));
  app.use(manageRoutes(routeContext));
  app.use(photoRoutes(photos));
  app.use(auditRoutes(routeContext));
  app.use(outboxRoutes(routeContext));
  app.use(adminRoutes(routeContext));

  app.use(notFoundHandler);
  // Errors raised before languageMiddleware (a refused token) are answered in the language the request asks for.
  app.use(errorHandler(logger, requestLanguage));
  const { anonymousMapReads } = directoryHttp;
  return {
    listener: (req, res) => {
      try {
        if (anonymousMapReads(req, res)) return;
      } catch (error) {
        // Unexpected. Node would end the process for an error thrown here, where Express answers it: an answer begun
        // is cut off, any other goes to Express, which answers again and reports a failure as it reports any error.
        logger.error({ err: error, url: req.url }, 'the map fast path failed');
        if (res.headersSent) {
          res.destroy();
          return;
        }
      }
      app(req, res);
    },
    express: app,
  };
}
