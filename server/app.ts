// Builds the app from its parts; it neither listens nor connects, so tests use it as it is.
import type { RequestListener } from 'node:http';
import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { accessRoutes } from './access/access.routes.ts';
import {
  agreementCheckInTerms,
  networkAgreements,
  NO_MONTHLY_USE,
  placePrices,
  type MonthlyUse,
} from './access/index.ts';
import { accountRoutes } from './account/account.routes.ts';
import { adminRoutes } from './admin/admin.routes.ts';
import type { RouteContext } from './app-context.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { authenticate, configurePassport, DatabaseSessionStore, sessionMiddleware } from './auth/index.ts';
import type { Config } from './config/index.ts';
import { directoryRoutes } from './directory/directory.routes.ts';
import type { DirectoryEngine } from './directory/index.ts';
import { DemandTotals, demandPlaceSection, demandService } from './demand/index.ts';
import { demandRoutes } from './demand/demand.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { createFederation, type Federation } from './federation/index.ts';
import { federationRoutes } from './federation/federation.routes.ts';
import { keysRoutes } from './keys/keys.routes.ts';
import { languageMiddleware, requestLanguage } from './shared/i18n/i18n.ts';
import { errorPageLocals, viewLocals } from './shared/i18n/view-locals.ts';
import { networkLocations } from './locations/index.ts';
import { AgendaReadModel, comingEventsFrom } from './programmes/index.ts';
import { programmeRoutes } from './programmes/programme.routes.ts';
import { locationRoutes } from './locations/location.routes.ts';
import { manageRoutes } from './locations/manage.routes.ts';
import { photoFileRoutes, photoRoutes } from './locations/photo.routes.ts';
import { fileSystemPhotoStore, type PhotoStore } from './locations/index.ts';
import { createMailer, type Mailer } from './mail/index.ts';
import { outboxRoutes } from './mail/outbox.routes.ts';
import { loadPrincipal } from './networks/index.ts';
import { networkRoutes } from './networks/network.routes.ts';
import { embedRoutes, opendataRoutes } from './opendata/opendata.routes.ts';
import { passesRoutes } from './passes/passes.routes.ts';
import { csrfProtection, csrfTokenLocal } from './shared/http/csrf.ts';
import { cachedPrincipals } from './shared/principal-cache.ts';
import { flashLocals, saveSessionBeforeRedirect } from './shared/http/flash.ts';
import { errorHandler, notFoundHandler } from './shared/http/error-handler.ts';
import { headersSetBy, securityHeaders } from './shared/http/security.ts';
import { COMPRESSION_THRESHOLD } from './shared/http/content-encoding.ts';
import { AssetCatalog } from './shared/http/static-assets.ts';
import type { Logger } from './shared/logging/logger.ts';

export interface AppContext {
  config: Config;
  logger: Logger;
  directory: DirectoryEngine;
  /** Defaults to SMTP_URL, or the local outbox. */
  mailer?: Mailer;
  /** Where photo files are kept; defaults to `photos/` under DATA_DIR. */
  photoStore?: PhotoStore;
  /** A person's use of agreements so far, for prices and quotas; nobody has used anything until bookings feed it. */
  monthlyUse?: MonthlyUse;
  /** The agenda's read model; one of its own when not given. */
  agenda?: AgendaReadModel;
  /** Peers, feeds and the outbound client; made from the config when not given. */
  federation?: Federation;
}

export interface App {
  /** What the HTTP server calls: anonymous map reads are answered first, without Express; the rest by `express`. */
  listener: RequestListener;
  /** The full stack. */
  express: Express;
  /** The front-end files it serves. */
  assets: AssetCatalog;
  /** Stops the read models the app keeps beside the directory (demand totals). */
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '..');

/** The front-end files: ours, and Leaflet's and jsQR's from their packages. */
export function assetCatalog(config: Pick<Config, 'NODE_ENV'>): AssetCatalog {
  return new AssetCatalog(
    [
      { prefix: '', dir: path.join(ROOT, 'public') },
      { prefix: 'vendor/leaflet', dir: path.join(ROOT, 'node_modules/leaflet/dist') },
      // The QR decoder of the check-in page, for browsers without BarcodeDetector.
      { prefix: 'vendor/jsqr', dir: path.join(ROOT, 'node_modules/jsqr/dist') },
    ],
    // Edited files are noticed in development; in production a file is read once.
    { watch: config.NODE_ENV !== 'production' },
  );
}

export function buildApp({
  config,
  logger,
  directory,
  mailer,
  photoStore,
  monthlyUse,
  agenda,
  federation,
}: AppContext): App {
  const app = express();
  const programmes = agenda ?? new AgendaReadModel();
  const photos = photoStore ?? fileSystemPhotoStore(path.join(config.dataDir, 'photos'));
  const listedPlaces = { idOf: (slug: string) => directory.listedPlaceId(slug) };
  const use = monthlyUse ?? NO_MONTHLY_USE;
  const routeContext: RouteContext = {
    config,
    logger,
    mailer: mailer ?? createMailer(config),
    networkLocations,
    listedPlaces,
    checkInTerms: agreementCheckInTerms(use),
    networkAgreements,
  };
  const demandTotals = new DemandTotals(config.DIRECTORY_POLL_MS, logger);
  const demand = demandService(demandTotals);
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

  const assets = assetCatalog(config);
  // Templates name every front-end file through `asset('css/site.css')`.
  app.locals.asset = (relative: string) => assets.url(relative);

  app.use(security);
  app.use('/assets', assets.handle);
  // Everything else Express answers (pages, JSON) is compressed as it is written; assets and map answers come
  // compressed already, and the middleware leaves an answer that says its encoding alone.
  app.use(photoFileRoutes(photos));
  app.use(compression({ threshold: COMPRESSION_THRESHOLD }));
  app.use(embedRoutes(directory, config));
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
  app.use(csrfTokenLocal);
  // Bodies are read after the page locals, so a body that is too large or malformed gets a translated error page.
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 }));
  app.use(express.json({ limit: '200kb' }));
  app.use(csrfProtection);

  app.use(healthRoutes(directory));
  app.use(keysRoutes());
  app.use(federationRoutes(federation ?? createFederation(config, logger)));
  app.use(directoryHttp.routes);
  app.use(accessRoutes(routeContext, listedPlaces, use));
  app.use(
    locationRoutes(listedPlaces, {
      prices: placePrices(use),
      sections: [demandPlaceSection(demand)],
      coming: comingEventsFrom(programmes),
      baseUrl: config.baseUrl,
    }),
  );
  app.use(demandRoutes(routeContext, demand));
  app.use(authRoutes(routeContext));
  app.use(accountRoutes(routeContext));
  app.use(networkRoutes(routeContext));
  app.use(manageRoutes(routeContext));
  app.use(programmeRoutes(routeContext, programmes));
  app.use(photoRoutes(photos));
  app.use(passesRoutes(routeContext, listedPlaces));
  app.use(auditRoutes(routeContext));
  app.use(outboxRoutes(routeContext));
  app.use(adminRoutes(routeContext));
  app.use(opendataRoutes(routeContext, directory));

  app.use(notFoundHandler);
  // Errors raised before languageMiddleware (a refused token, a session the database could not load) are answered in
  // the language the request asks for, on a page for someone not signed in.
  app.use(errorHandler(logger, requestLanguage, errorPageLocals(config)));
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
    assets,
    stop: () => demandTotals.stop(),
  };
}
