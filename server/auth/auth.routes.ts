// Sign up, log in, log out, password reset and change.
import { Router } from 'express';
import type { RouteContext } from '../app-context.js';
import { loginController } from './login.controller.js';

export function authRoutes(_ctx: RouteContext): Router {
  const router = Router();
  router.get('/login', loginController.form);
  router.post('/login', loginController.submit);
  router.post('/logout', loginController.logout);
  return router;
}
