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

/**
 * express-session saves a changed session only while the response ends, after a redirect's headers have left, so
 * a quick browser could ask for the next page before the flash (or a new login) is stored. Redirects therefore wait
 * for the save whenever the session holds anything.
 */
export function saveSessionBeforeRedirect(req: Request, res: Response, next: NextFunction): void {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = (...args: unknown[]) => {
    const holdsData = req.session && Object.keys(req.session).some((key) => key !== 'cookie');
    if (!holdsData) return redirect(...args);
    req.session.save((error) => (error ? next(error) : redirect(...args)));
  };
  next();
}
