// GET /healthz: is the database reachable, and how current is the directory.
import { Router } from 'express';
import { databaseState, pingDatabase } from '../shared/db/connection.ts';
import type { DirectoryEngine } from '../directory/index.ts';

export function healthRoutes(directory: DirectoryEngine): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const reachable = await pingDatabase();
    res.status(reachable ? 200 : 503).json({
      status: reachable ? 'ok' : 'degraded',
      database: reachable ? 'connected' : databaseState() === 'connected' ? 'unreachable' : databaseState(),
      directory: { locations: directory.size, lastSyncAt: directory.follower.lastSyncAt?.toISOString() ?? null },
    });
  });
  return router;
}
