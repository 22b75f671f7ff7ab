// My account (the /me pages, the download of my data, deleting my account): above every domain it gathers from, so
// no domain imports it; app.ts mounts its routes.
export { EXPORT_FORMAT } from './account-export.service.ts';
export type { MyAccount, MyMembership } from './account.service.ts';
