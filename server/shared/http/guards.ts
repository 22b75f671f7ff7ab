// Route guards: the person must be signed in (401, which pages turn into the login form).
import type { NextFunction, Request, Response } from 'express';
import { unauthorized } from '../errors/app-error.ts';

export function requireUser(req: Request, _res: Response, next: NextFunction): void {
  next(req.principal.kind === 'user' ? undefined : unauthorized());
}
