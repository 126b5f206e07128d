/**
 * Architecture boundaries, checked in `npm test` (see ARCHITECTURE.md).
 * core  — the backorder rules: pure, imports nothing but itself and Luxon (a pure date library).
 * app   — use cases and ports: may import core, never adapters, http or the sandbox.
 * sandbox — the BigCommerce emulator: a separate program that the app reaches only over HTTP.
 * admin — the admin app (React, runs in the browser): a client of the API, sharing no code with the server.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'src/core holds the rules: no node built-ins, no database, no HTTP, nothing outside core but Luxon.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^node_modules/luxon/', '^node_modules/@types/luxon/'] },
    },
    {
      name: 'core-no-builtins',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'app-does-not-know-adapters',
      comment:
        'Use cases talk to ports; adapters are wired in at the edge (src/main.ts, the composition root).',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: ['^src/adapters/', '^src/http/', '^src/sandbox/', '^src/main\\.ts$'] },
    },
    {
      name: 'rules-are-applied-by-the-app',
      comment:
        'decide() is applied by the item pipeline (src/app/items) under a lock, never by adapters or HTTP.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/core/', '^src/app/'] },
      to: { path: '^src/core/decide\\.ts$' },
    },
    {
      name: 'sandbox-is-separate',
      comment: "The sandbox emulates BigCommerce; it must not borrow the app's code.",
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/', pathNot: '^src/sandbox/' },
    },
    {
      name: 'app-reaches-sandbox-only-to-start-it',
      comment: 'Only demo-mode start-up may import the sandbox (to launch it); everything else talks HTTP.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/sandbox/', '^src/demo/'] },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'admin-is-a-client',
      comment:
        "src/admin runs in the merchant's browser and talks to the server over HTTP only (its API types are generated from the OpenAPI document).",
      severity: 'error',
      from: { path: '^src/admin/' },
      to: { path: '^src/', pathNot: '^src/admin/' },
    },
    {
      name: 'server-does-not-import-admin',
      comment: 'The server serves the built admin app (dist/admin); it never imports its sources.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/admin/' },
      to: { path: '^src/admin/' },
    },
    {
      name: 'no-orphans',
      comment:
        'A module nothing imports and that imports nothing is dead code, unless it is an entry point or read as a file.',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          '^src/main\\.ts$',
          '^src/sandbox/main\\.ts$',
          '^src/cli/',
          '^scripts/',
          '\\.d\\.ts$',
          // The admin app's entry, loaded by its index.html.
          '^src/admin/main\\.tsx$',
          // Served as written: read with readFileSync by src/storefront-script/index.ts.
          '^src/storefront-script/backorder\\.js$',
          // Tool configuration at the root (vitest.config.ts, .dependency-cruiser.cjs).
          '^[^/]+\\.config\\.(c|m)?[jt]s$',
          '^\\.[^/]+\\.c?js$',
        ],
      },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
