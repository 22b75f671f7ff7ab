// The instance administration pages: the landing page and the people with their instance-wide roles.
import type { Request, Response } from 'express';
import type { RouteContext } from '../app-context.ts';
import { flash } from '../shared/http/flash.ts';
import { NO_ERRORS, submitForm, type FormErrors } from '../shared/http/forms.ts';
import { queryString, safeQuery } from '../shared/http/query.ts';
import { parseInput } from '../shared/http/validate.ts';
import { rolesSchema, usersQuerySchema } from './admin.schemas.ts';
import { assertInstanceAdmin, searchUsers, setRoles, USERS_PAGE_SIZE } from '../auth/index.ts';

/** The user list's address for a search and page; page 1 is left out. */
const usersUrl = (query: { q: string; page: number }) =>
  `/admin/users${queryString({ q: query.q, page: query.page > 1 ? query.page : '' }, ['q', 'page'])}`;

interface RolesForm {
  /** The person whose roles form was sent, so the error summary leads to that row. */
  userId: string;
  errors: FormErrors;
}

async function renderUsers(
  req: Request,
  res: Response,
  status: number,
  query: { q: string; page: number },
  rolesForm: RolesForm = { userId: '', errors: NO_ERRORS },
): Promise<void> {
  const { users, total } = await searchUsers(req.principal, query);
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const pageUrl = (page: number) => usersUrl({ q: query.q, page });
  res.status(status).render('admin/users', { users, total, pages, query, rolesForm, pageUrl });
}

export function adminController(ctx: RouteContext) {
  return {
    landing: (req: Request, res: Response): void => {
      assertInstanceAdmin(req.principal);
      res.render('admin/index', { mailerKind: ctx.mailer.kind });
    },

    users: async (req: Request, res: Response): Promise<void> => {
      assertInstanceAdmin(req.principal);
      const query = parseInput(usersQuerySchema, safeQuery(req));
      await renderUsers(req, res, 200, query);
    },

    roles: async (req: Request, res: Response): Promise<void> => {
      assertInstanceAdmin(req.principal);
      const userId = String(req.params.id);
      // Where the list was, so it comes back as it was; the first page of everyone when that was not sent right.
      let back = { q: '', page: 1 };
      await submitForm(
        req,
        async () => {
          const input = parseInput(rolesSchema, req.body ?? {});
          back = { q: input.q ?? '', page: input.page ?? 1 };
          const name = await setRoles(req.principal, userId, input);
          flash(req, 'admin:users.saved', { name });
          res.redirect(303, usersUrl(back));
        },
        (status, errors) => renderUsers(req, res, status, back, { userId, errors }),
      );
    },
  };
}
