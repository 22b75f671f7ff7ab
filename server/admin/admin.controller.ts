// The instance administration pages: the landing page and the people with their instance-wide roles.
import type { Request, Response } from 'express';
import type { RouteContext } from '../app-context.js';
import { flash } from '../shared/http/flash.js';
import { queryString, safeQuery } from '../shared/http/query.js';
import { parseInput } from '../shared/http/validate.js';
import { rolesSchema, usersQuerySchema } from './admin.schemas.js';
import { assertInstanceAdmin, searchUsers, setRoles, USERS_PAGE_SIZE } from '../auth/index.js';

/** The user list's address for a search and page; page 1 is left out. */
const usersUrl = (query: { q: string; page: number }) =>
  `/admin/users${queryString({ q: query.q, page: query.page > 1 ? query.page : '' }, ['q', 'page'])}`;

async function renderUsers(
  req: Request,
  res: Response,
  status: number,
  query: { q: string; page: number },
  error?: string,
): Promise<void> {
  const { users, total } = await searchUsers(req.principal, query);
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const pageUrl = (page: number) => usersUrl({ q: query.q, page });
  res.status(status).render('admin/users', { users, total, pages, query, error, pageUrl });
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
      const input = parseInput(rolesSchema, req.body);
      const back = { q: input.q ?? '', page: input.page ?? 1 };
      const result = await setRoles(req.principal, String(req.params.id), input);
      if (!result.ok) return renderUsers(req, res, 409, back, result.key);
      flash(req, 'admin:users.saved', { name: result.name });
      res.redirect(303, usersUrl(back));
    },
  };
}
