// npm run routes: every route of the app as a Markdown table; --write puts it in ARCHITECTURE.md, --check fails
// when the table there is stale.
import { globSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { walkRoutes } from '../test/support/app-routes.ts';
import { appWithoutDatabase } from './route-table/app-without-database.ts';
import { controllerAt, servicesOf } from './route-table/handler-source.ts';
import { routeTable, withRouteTable, type RouteRow } from './route-table/markdown.ts';
import { recordRouteSites } from './route-table/route-sites.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER = path.join(ROOT, 'server');
const DOCUMENT = path.join(ROOT, 'ARCHITECTURE.md');
const FLAGS = new Set(['--write', '--check']);

const flags = process.argv.slice(2);
const unknown = flags.filter((flag) => !FLAGS.has(flag));
if (unknown.length > 0 || flags.length > 1) {
  console.error(`usage: npm run routes [-- --write | --check]; got ${flags.join(' ')}`);
  process.exit(2);
}

const sites = recordRouteSites(ROOT);
const app = await appWithoutDatabase();
sites.stop();

const rows: RouteRow[] = walkRoutes(app).map(({ method, path: urlPattern, route }) => {
  const site = sites.siteOf(route);
  const controller = site ? controllerAt(site, method) : undefined;
  return {
    method,
    path: urlPattern,
    routeFile: site && shown(site.file),
    controllerFile: controller && shown(controller.file),
    handler: controller?.handler,
    services: controller ? servicesOf(controller.file).map(shown) : [],
  };
});
for (const row of rows.filter((r) => !r.controllerFile)) {
  console.error(`warning: no controller found for ${row.method} ${row.path} (${row.routeFile ?? 'declared where?'})`);
}
// A routes file that gave the app no route is one that app.ts forgot to mount.
const declaring = new Set(rows.map((row) => row.routeFile));
for (const file of globSync('**/*.routes.ts', { cwd: SERVER }).sort()) {
  if (!declaring.has(file)) console.error(`warning: server/${file} declares no route of the app; is it mounted?`);
}

const table = routeTable(rows);
const document = readFileSync(DOCUMENT, 'utf8');
if (flags[0] === '--write') {
  writeFileSync(DOCUMENT, withRouteTable(document, table));
} else if (flags[0] === '--check') {
  if (withRouteTable(document, table) !== document) {
    console.error('ARCHITECTURE.md: the route table is stale; run `npm run routes -- --write`');
    process.exit(1);
  }
} else {
  process.stdout.write(table);
}

/** Paths as the table shows them: under server/ without that prefix, since every route file lives there. */
function shown(file: string): string {
  const relative = path.relative(SERVER, file);
  return relative.startsWith('..') ? path.relative(ROOT, file) : relative;
}
