// One-time notices after a redirect ("Saved.", "Check your mail."), kept in the session until shown.
import type { NextFunction, Request, Response } from 'express';

declare module 'express-session' {
  interface SessionData {
    flash?: { key: string; params?: Record<string, unknown> };
  }
}

/** Stores a notice (an i18n key) for the next page this person sees. */
export function flash(req: Request, key: string, params?: Record<string, unknown>): void {
  req.session.flash = { key, ...(params ? { params } : {}) };
}

export function flashLocals(req: Request, res: Response, next: NextFunction): void {
  const notice = req.session?.flash;
  if (notice) delete req.session.flash;
  res.locals.flash = notice;
  next();
}
