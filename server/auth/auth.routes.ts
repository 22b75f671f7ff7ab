// Sign up, log in, log out, password reset and change, profile.
import { Router } from 'express';
import type { RouteContext } from '../app-context.ts';
import { requireUser } from '../shared/http/guards.ts';
import { loginController } from './login.controller.ts';
import { passwordResetController } from './password-reset.controller.ts';
import { profileController } from './profile.controller.ts';
import { signupController } from './signup.controller.ts';

export function authRoutes(ctx: RouteContext): Router {
  const router = Router();
  const reset = passwordResetController(ctx);
  router.get('/login', loginController.form);
  router.post('/login', loginController.submit);
  router.post('/logout', loginController.logout);
  router.get('/signup', signupController.form);
  router.post('/signup', signupController.submit);
  router.get('/password/forgot', reset.forgotForm);
  router.post('/password/forgot', reset.forgotSubmit);
  router.get('/password/reset/:token', reset.resetForm);
  router.post('/password/reset/:token', reset.resetSubmit);
  router.get('/me/profile', requireUser, profileController.profileForm);
  router.post('/me/profile', requireUser, profileController.profileSubmit);
  router.get('/me/password', requireUser, profileController.passwordForm);
  router.post('/me/password', requireUser, profileController.passwordSubmit);
  return router;
}
