// /me: my account page and its JSON twin, personal API tokens, the download of my data, deleting my account.
import type { Request, Response } from 'express';
import { formatters } from '../shared/i18n/formatters.ts';
import { z } from 'zod';
import type { RouteContext } from '../app-context.ts';
import { forbidden, notFound } from '../shared/errors/app-error.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { consume } from '../shared/http/rate-limit.ts';
import { objectIdField } from '../shared/http/schema-fields.ts';
import { parseInput } from '../shared/http/validate.ts';
import { canHoldApiTokens, createApiToken, revokeApiToken } from '../auth/index.ts';
import { deleteMyAccount } from './account-deletion.service.ts';
import { exportMyData } from './account-export.service.ts';
import { myAccount } from './account.service.ts';

export const TOKEN_NAME_MAX = 80;

const tokenForm = z.object({
  name: z
    .string({ error: 'me:validation.tokenName' })
    .trim()
    .min(1, { error: 'me:validation.tokenName' })
    .max(TOKEN_NAME_MAX, { error: 'me:validation.tokenNameTooLong' }),
});

const deleteForm = z.object({
  password: z
    .string({ error: 'me:validation.password' })
    .min(1, { error: 'me:validation.password' })
    .max(200, { error: 'me:validation.password' }),
});

const tokenParams = z.object({ id: objectIdField() });

const DELETE_WINDOW_MS = 15 * 60 * 1000;

/**
 * Account changes need the person, not a script: a token must not mint further tokens (they would outlive its
 * revocation) nor delete the account.
 */
function assertSession(req: Request): void {
  if (req.principal.via !== 'session') throw forbidden();
}

async function renderAccount(
  req: Request,
  res: Response,
  status: number,
  form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
): Promise<void> {
  const account = await myAccount(req.principal, req.lang);
  res.status(status).render('me/index', {
    account,
    canHoldTokens: canHoldApiTokens(req.principal),
    tokenNameMax: TOKEN_NAME_MAX,
    display: formatters(req.lang),
    values: form.values ?? {},
    errors: form.errors ?? NO_ERRORS,
  });
}

function renderDelete(res: Response, status: number, errors: FormErrors = NO_ERRORS): void {
  res.status(status).render('me/delete', { errors });
}

export function accountController(ctx: RouteContext) {
  return {
    page: async (req: Request, res: Response): Promise<void> => {
      await renderAccount(req, res, 200);
    },

    /** GET /api/v1/me: the same account, for scripts checking who their token speaks for. */
    json: async (req: Request, res: Response): Promise<void> => {
      const account = await myAccount(req.principal, req.lang);
      res.set('Cache-Control', 'no-store');
      res.json({ ...account, canHoldTokens: canHoldApiTokens(req.principal) });
    },

    createToken: async (req: Request, res: Response): Promise<void> => {
      assertSession(req);
      if (!canHoldApiTokens(req.principal)) throw forbidden();
      await submitForm(
        req,
        async () => {
          const form = parseInput(tokenForm, req.body ?? {});
          const created = await createApiToken(req.principal, form.name);
          // The one time the token exists outside its owner's hands: never cached, never stored.
          res.set('Cache-Control', 'no-store');
          res.status(201).render('me/token-created', { created, baseUrl: ctx.config.baseUrl });
        },
        (status, errors) => renderAccount(req, res, status, { values: req.body as Record<string, unknown>, errors }),
      );
    },

    revokeToken: async (req: Request, res: Response): Promise<void> => {
      assertSession(req);
      const params = tokenParams.safeParse(req.params);
      if (!params.success) throw notFound();
      const revoked = await revokeApiToken(req.principal, params.data.id);
      flash(req, 'me:tokens.revokedNotice', { name: revoked.name });
      res.redirect(303, '/me#tokens');
    },

    exportJson: async (req: Request, res: Response): Promise<void> => {
      const data = await exportMyData(req.principal);
      const day = new Date().toISOString().slice(0, 10);
      res.set({
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="passerelle-my-data-${day}.json"`,
        'Cache-Control': 'no-store',
      });
      res.send(JSON.stringify(data, null, 2));
    },

    deleteForm: (_req: Request, res: Response): void => {
      renderDelete(res, 200);
    },

    deleteSubmit: async (req: Request, res: Response): Promise<void> => {
      assertSession(req);
      await submitForm(
        req,
        async () => {
          const form = parseInput(deleteForm, req.body ?? {});
          // Guessing the password through this form is as slow as through the login form.
          await consume([{ key: `account-delete:${req.principal.userId}`, max: 10, windowMs: DELETE_WINDOW_MS }]);
          await deleteMyAccount(req.principal, form.password);
          // Every stored session is gone already; this request's own is replaced by an anonymous one for the notice.
          await new Promise<void>((resolve, reject) =>
            req.logout((error) => (error ? reject(error as Error) : resolve())),
          );
          flash(req, 'me:delete.doneNotice');
          res.redirect(303, '/');
        },
        (status, errors) => renderDelete(res, status, errors),
      );
    },
  };
}
