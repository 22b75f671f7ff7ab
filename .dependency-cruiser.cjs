// Import fences for server/ (npm run lint:deps): the rules of CONVENTIONS.md "What that means for us", point 1.
// CommonJS (.cjs) because dependency-cruiser loads its config with require, and the package is "type": "module".

/** Folders of server/ that are infrastructure, not domains. */
const NOT_DOMAINS = '^server/(shared|config)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      severity: 'error',
      comment:
        'A cycle of runtime imports makes module evaluation order matter (a value read before it is set). ' +
        '`import type` is erased, so a cycle closed only by type imports is harmless and not reported.',
      from: { path: '^server/' },
      to: {
        circular: true,
        // The first edge of the cycle, then every edge after it.
        dependencyTypesNot: ['type-only'],
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
    {
      name: 'domain-through-its-face',
      severity: 'error',
      comment:
        "A domain imports another domain only through that domain's index.ts, which exports services, policies " +
        'and types; everything else in the folder is private to it.',
      from: { path: '^server/([^/]+)/', pathNot: NOT_DOMAINS },
      to: {
        path: '^server/[^/]+/',
        pathNot: ['^server/$1/', NOT_DOMAINS, '^server/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'shared-imports-no-domain',
      severity: 'error',
      comment: 'shared/ is infrastructure every domain may use, so it imports only shared/ itself and config/.',
      from: { path: '^server/shared/' },
      to: { path: '^server/', pathNot: NOT_DOMAINS },
    },
    {
      name: 'directory-engine-is-private',
      severity: 'error',
      comment:
        "The directory's engine and sync are its internals: other code reaches them through server/directory/ " +
        '(its index.ts), so the engine can change without touching its callers.',
      from: { pathNot: '^server/directory/' },
      to: { path: '^server/directory/(engine|sync)/' },
    },
    {
      name: 'routes-only-from-app',
      severity: 'error',
      comment:
        'Only server/app.ts mounts routes, so a domain face never exports them and the route table has one source. ' +
        'The test helper that walks the router is the one exception outside server/.',
      from: { pathNot: ['^server/app\\.ts$', '^test/support/'] },
      to: { path: '\\.routes\\.ts$' },
    },
    {
      name: 'faces-export-no-models',
      severity: 'error',
      comment:
        "A domain's data is read through its services: its index.ts may name a model's type, never the model itself.",
      from: { path: '^server/[^/]+/index\\.ts$' },
      to: { path: '\\.model\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-unresolved-import',
      severity: 'error',
      comment: 'An import the cruiser cannot resolve is invisible to every rule above, so it must not pass silently.',
      from: { path: '^server/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Relative specifiers that resolve nowhere keep their raw name ("./x.js"), so they must stay in view too.
    includeOnly: ['^server/', '^[.]'],
    doNotFollow: { path: 'node_modules' },
    // Keep type-only imports in the graph (marked "type-only"): they still cross fences, only cycles ignore them.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.js', '.json'],
    },
    // `--output-type markdown` gives a closing note's summary: violations counted per rule, without the list.
    reporterOptions: {
      markdown: { showTitle: false, showDetails: false },
    },
  },
};
