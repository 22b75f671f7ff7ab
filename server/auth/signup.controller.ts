// Signing up: the form, its translated errors, and the new person signed in and sent where they were going.
import type { Request, Response } from 'express';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { consume } from '../shared/http/rate-limit.ts';
import { parseInput } from '../shared/http/validate.ts';
import { safeNext, signupSchema } from './auth.schemas.ts';
import { logIn } from './login.controller.ts';
import { signUp } from './signup.service.ts';

const HOUR_MS = 60 * 60 * 1000;

interface SignupLocals {
  values: Record<string, unknown>;
  errors: FormErrors;
  next: string;
}

function renderSignup(res: Response, status: number, locals: SignupLocals): void {
  // Passwords are never sent back into the page.
  const { password: _p, passwordConfirm: _c, _csrf, ...values } = locals.values;
  res.status(status).render('auth/signup', { ...locals, values });
}

export const signupController = {
  form: (req: Request, res: Response): void => {
    const next = safeNext(req.query.next);
    if (req.principal.kind === 'user') return res.redirect(303, next);
    renderSignup(res, 200, { values: { preferredLanguage: req.lang }, errors: NO_ERRORS, next });
  },

  submit: async (req: Request, res: Response): Promise<void> => {
    const body = { ...(req.body as Record<string, unknown>) };
    const next = safeNext(body.next);
    if (req.principal.kind === 'user') return res.redirect(303, next);
    // A form sent without a language (e.g. from a script) gets the language it was read in.
    body.preferredLanguage ??= req.lang;
    await submitForm(
      req,
      async () => {
        const form = parseInput(signupSchema, body);
        // Counted only for well-formed sign-ups: they cost a password hash and may probe for addresses.
        await consume([{ key: `signup:address:${req.ip ?? 'unknown'}`, max: 20, windowMs: HOUR_MS }]);
        await logIn(req, await signUp(form));
        flash(req, 'auth:signup.welcome', { name: form.name });
        res.redirect(303, next);
      },
      (status, errors) => renderSignup(res, status, { values: body, errors, next }),
    );
  },
};
