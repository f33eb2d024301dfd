/**
 * The architecture's import boundaries, checked over the whole graph (npm test runs this):
 * libs/domain is pure TypeScript; workflows/ run in Temporal's deterministic sandbox; every
 * lib is entered through its front door (its index) from outside.
 */
// dependency-cruiser matches the resolved path of a dependency (node_modules/<package>/...).
const pkg = (names) => `(^|/)node_modules/(${names})/`;
const framework = pkg('@nestjs/[^/]+|typeorm|pg|pg-[a-z-]+|class-transformer|class-validator|reflect-metadata|@temporalio/(client|worker|activity|testing)');
const anyTemporal = pkg('@temporalio/[^/]+');

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'libs/domain may not import NestJS, TypeORM, pg or any Temporal package',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: { path: `${framework}|${anyTemporal}` },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment: 'libs/domain may not import Node built-ins',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-depends-on-nothing-of-ours',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|workflows|libs/(?!domain))' },
    },
    {
      name: 'workflows-are-deterministic',
      severity: 'error',
      comment: 'workflow code may import @temporalio/workflow and libs/domain only (no Nest, TypeORM, pg, Temporal client/worker)',
      from: { path: '^workflows/', pathNot: '\\.spec\\.ts$' },
      to: { path: framework },
    },
    {
      name: 'workflows-do-no-io',
      severity: 'error',
      comment: 'workflow code may not import Node built-ins',
      from: { path: '^workflows/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'workflows-import-only-domain',
      severity: 'error',
      comment: 'workflow code imports libs/domain only, by its workflow front door (libs/domain/src/workflow.ts): the index would load the policy parser and the holiday library into the bundle',
      from: { path: '^workflows/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|libs/(?!domain)|libs/domain/src/index\\.ts$)' },
    },
    {
      name: 'console-shares-only-types',
      severity: 'error',
      comment: 'the console runs in the browser: from the API, the worker, libs and workflows it may import types only (import type), never code',
      from: { path: '^apps/console/' },
      to: { path: '^(apps/(?!console)|libs/|workflows/)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lib-front-door',
      severity: 'error',
      comment:
        'code outside a lib imports what its front door exports (libs/<lib>/src/index.ts; workflow code: libs/domain/src/workflow.ts), never its other files; a lib\'s own files import each other freely',
      // $1 is the importing file's own lib folder (libs/<lib>/), or '' outside libs/ (then '^src/' excludes nothing)
      from: { path: '^(libs/[^/]+/|)' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^$1src/', '^libs/[^/]+/src/index\\.ts$', '^libs/domain/src/workflow\\.ts$'] },
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
    // the architecture test's fixtures break the rules on purpose (that test cruises them itself)
    exclude: { path: '(^|/)(dist|\\.tools)/|^test/architecture/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
