// Who may import whom inside src/ (docs/architecture.md). `npm run lint` runs it; a violation fails the lint.
// A capability is a folder directly under src/; its index.ts is the only file other capabilities may import.
// Tests under test/ may import anything and are not checked; tests beside a module follow its folder's rules.

/** Pure logic: plain data in, plain data out. `planning/`, `simulation/` and `probability/` are pure from their first file. */
const PURE = [
  '^src/(sourcing|planning|simulation|probability)/',
  '^src/forecasting/(methods|select|series|optimize)\\.ts$',
  '^src/overview/overview\\.ts$',
];

/** Node modules that reach outside the function: files, network, processes, threads, the terminal, the environment. */
const NODE_IO = [
  'fs',
  'fs/promises',
  'net',
  'tls',
  'dgram',
  'dns',
  'dns/promises',
  'http',
  'https',
  'http2',
  'child_process',
  'cluster',
  'worker_threads',
  'readline',
  'readline/promises',
  'repl',
  'tty',
  'inspector',
  'os',
  'process',
];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'capability-internals',
      severity: 'error',
      comment:
        "Another capability is reached through its index.ts only: import '../<capability>/index.js', and if it lacks what you need, export it there.",
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'nothing-imports-api-or-cli',
      severity: 'error',
      comment:
        'api/ and cli/ are the outer edges: only bin/, cli/ (which serves the API), bench/ (which drives it) and tests import them. Move what you need to a neutral capability.',
      from: { path: '^src/([^/]+)/', pathNot: '^src/(cli|bench)/' },
      to: { path: '^src/(api|cli)/', pathNot: '^src/$1/' },
    },
    {
      name: 'pure-no-store-or-api',
      severity: 'error',
      comment:
        'Pure logic takes plain data and returns plain data: a service loads it from the store and saves the result.',
      from: { path: PURE },
      to: { path: '^src/(store|api)/' },
    },
    {
      name: 'pure-no-database-driver',
      severity: 'error',
      comment: 'Pure logic knows no database: a service loads the rows and passes plain data.',
      from: { path: PURE },
      to: { path: 'node_modules/(@types/)?(kysely|pg|better-sqlite3)/' },
    },
    {
      name: 'pure-no-node-io',
      severity: 'error',
      comment: 'Pure logic does no I/O (files, network, processes, threads): its caller does.',
      from: { path: PURE },
      to: { dependencyTypes: ['core'], path: `^(node:)?(${NODE_IO.join('|')})$` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a pure module that names a store type is tied to the store all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
