// /me/profile and /me/password: a signed-in person's name, language and password.
import type { Request, Response } from 'express';
import { LANGUAGE_COOKIE, languageCookie } from '../shared/i18n/languages.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { consume } from '../shared/http/rate-limit.ts';
import { parseInput } from '../shared/http/validate.ts';
import { changePasswordSchema, profileSchema } from './auth.schemas.ts';
import { changePassword, readProfile, updateProfile } from './profile.service.ts';

const QUARTER_HOUR_MS = 15 * 60 * 1000;

function renderPassword(res: Response, status: number, errors: FormErrors): void {
  res.status(status).render('auth/change-password', { errors });
}

export const profileController = {
  profileForm: async (req: Request, res: Response): Promise<void> => {
    const profile = await readProfile(req.principal);
    res.render('auth/profile', { values: profile, email: profile.email, errors: NO_ERRORS });
  },

  profileSubmit: async (req: Request, res: Response): Promise<void> => {
    await submitForm(
      req,
      async () => {
        const form = parseInput(profileSchema, req.body ?? {});
        await updateProfile(req.principal, form);
        // A language chosen earlier with the switcher would otherwise hide the one just saved.
        if (req.cookies?.[LANGUAGE_COOKIE]) res.append('Set-Cookie', languageCookie(form.preferredLanguage));
        flash(req, 'auth:profile.saved');
        res.redirect(303, '/me/profile');
      },
      async (status, errors) => {
        const profile = await readProfile(req.principal);
        const { name, preferredLanguage } = (req.body ?? {}) as Record<string, unknown>;
        res
          .status(status)
          .render('auth/profile', { values: { name, preferredLanguage }, email: profile.email, errors });
      },
    );
  },

  passwordForm: (_req: Request, res: Response): void => {
    renderPassword(res, 200, NO_ERRORS);
  },

  passwordSubmit: async (req: Request, res: Response): Promise<void> => {
    await submitForm(
      req,
      async () => {
        const form = parseInput(changePasswordSchema, req.body ?? {});
        // A stolen session must not be able to guess the password at leisure.
        await consume([{ key: `password-change:account:${req.principal.userId}`, max: 10, windowMs: QUARTER_HOUR_MS }]);
        await changePassword(req.principal, form, req.sessionID);
        flash(req, 'auth:password.changed');
        res.redirect(303, '/me/password');
      },
      (status, errors) => renderPassword(res, status, errors),
    );
  },
};
