// Forgotten password: ask for a link (same answer whether or not the account exists), then set a new password.
import type { Request, Response } from 'express';
import type { RouteContext } from '../app-context.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { consume } from '../shared/http/rate-limit.ts';
import { parseInput } from '../shared/http/validate.ts';
import { forgotSchema, newPasswordSchema } from './auth.schemas.ts';
import { logIn } from './login.controller.ts';
import { completeReset, inspectReset, requestPasswordReset, type ResetState } from './password-reset.service.ts';

const HOUR_MS = 60 * 60 * 1000;

const forgotLimits = (email: string, address: string) => [
  { key: `password-reset:account:${email}`, max: 5, windowMs: HOUR_MS },
  { key: `password-reset:address:${address}`, max: 20, windowMs: HOUR_MS },
];

const tokenOf = (req: Request): string => String(req.params.token ?? '');

/** A reset link that cannot be used: 404 when it never existed, 400 when it expired or was used. */
function renderInvalid(res: Response, state: Exclude<ResetState, { status: 'valid' }>): void {
  res.status(state.status === 'unknown' ? 404 : 400).render('auth/reset-invalid', { reason: state.status });
}

function renderReset(res: Response, status: number, token: string, errors: FormErrors): void {
  res.status(status).render('auth/reset', { token, errors });
}

export function passwordResetController(ctx: RouteContext) {
  return {
    forgotForm: (_req: Request, res: Response): void => {
      res.render('auth/forgot', { values: {}, errors: NO_ERRORS });
    },

    forgotSubmit: async (req: Request, res: Response): Promise<void> => {
      const { email } = (req.body ?? {}) as { email?: unknown };
      await submitForm(
        req,
        async () => {
          const form = parseInput(forgotSchema, req.body ?? {});
          // Counted whether or not the account exists, so the limit itself reveals nothing either.
          await consume(forgotLimits(form.email, req.ip ?? 'unknown'));
          // Sent in the background: waiting for a mail server would make known addresses answer measurably slower.
          requestPasswordReset(form.email, { mailer: ctx.mailer, baseUrl: ctx.config.baseUrl }).catch(
            (error: unknown) => ctx.logger.error({ err: error }, 'password reset mail failed'),
          );
          res.render('auth/forgot-sent', { email: form.email });
        },
        (status, errors) => res.status(status).render('auth/forgot', { values: { email }, errors }),
      );
    },

    resetForm: async (req: Request, res: Response): Promise<void> => {
      res.set('Cache-Control', 'no-store');
      const state = await inspectReset(tokenOf(req));
      if (state.status !== 'valid') return renderInvalid(res, state);
      renderReset(res, 200, tokenOf(req), NO_ERRORS);
    },

    resetSubmit: async (req: Request, res: Response): Promise<void> => {
      res.set('Cache-Control', 'no-store');
      const token = tokenOf(req);
      await consume([{ key: `password-reset-use:address:${req.ip ?? 'unknown'}`, max: 20, windowMs: HOUR_MS }]);
      const state = await inspectReset(token);
      if (state.status !== 'valid') return renderInvalid(res, state);
      await submitForm(
        req,
        async () => {
          const form = parseInput(newPasswordSchema, req.body ?? {});
          const userId = await completeReset(token, form.password);
          // Used in another tab a moment ago, or expired while the form was open.
          if (!userId) {
            const now = await inspectReset(token);
            return renderInvalid(res, now.status === 'valid' ? { status: 'used' } : now);
          }
          await logIn(req, userId);
          flash(req, 'auth:reset.done');
          res.redirect(303, '/');
        },
        (status, errors) => renderReset(res, status, token, errors),
      );
    },
  };
}
