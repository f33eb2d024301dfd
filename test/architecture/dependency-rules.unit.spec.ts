/**
 * The import boundaries of .dependency-cruiser.cjs really bite: cruising fixture files
 * that import what libs/domain and workflows/ may not import, or that reach past a lib's
 * front door, reports each violation, and a fixture that keeps the rules reports none. (npm test cruises the real tree with the same rules.)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(__dirname, 'fixtures');

/** Run the depcruise CLI, on this test's own Node, with the project's rules over one fixture file. */
function violations(entry: string): { rule: string; to: string }[] {
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), entry, '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd: fixtures, encoding: 'utf8' },
  );
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; to: string }[] } };
  return result.summary.violations.map((v) => ({ rule: v.rule.name, to: v.to }));
}

it('refuses TypeORM, NestJS and Node built-ins in libs/domain', () => {
  const found = violations('libs/domain/src/impure-decision.ts');
  expect(found.filter((v) => v.rule === 'domain-is-pure').map((v) => v.to)).toEqual(
    expect.arrayContaining([expect.stringMatching(/typeorm/), expect.stringMatching(/@nestjs\/common/)]),
  );
  expect(found.filter((v) => v.rule === 'domain-does-no-io').map((v) => v.to)).toEqual([expect.stringMatching(/fs$/)]);
});

it('accepts a pure domain module', () => {
  expect(violations('libs/domain/src/pure-decision.ts')).toEqual([]);
});

it('refuses the Temporal client and pg in workflow code, but not @temporalio/workflow', () => {
  const found = violations('workflows/io-workflow.ts');
  const targets = found.filter((v) => v.rule === 'workflows-are-deterministic').map((v) => v.to);
  expect(targets).toEqual(expect.arrayContaining([expect.stringMatching(/@temporalio\/client/), expect.stringMatching(/node_modules\/pg\//)]));
  expect(targets.some((t) => t.includes('@temporalio/workflow'))).toBe(false);
});

it('lets the console share the API\'s types but not its code', () => {
  expect(violations('apps/console/src/shares-types.ts')).toEqual([]);
  expect(violations('apps/console/src/imports-server-code.ts')).toEqual([{ rule: 'console-shares-only-types', to: 'apps/api/src/case-shape.ts' }]);
});

it('lets code outside a lib import the lib\'s index, whose files import each other freely', () => {
  expect(violations('apps/api/src/reads-through-front-door.ts')).toEqual([]);
});

it('refuses an app\'s or another lib\'s import past a lib\'s front door', () => {
  expect(violations('apps/api/src/reaches-into-lib.ts')).toEqual([{ rule: 'lib-front-door', to: 'libs/event-store/src/read-stream.ts' }]);
  expect(violations('libs/reports/src/reaches-into-other-lib.ts')).toEqual([{ rule: 'lib-front-door', to: 'libs/event-store/src/sql-text.ts' }]);
});

it('lets workflow code enter libs/domain by its workflow front door only', () => {
  expect(violations('workflows/uses-domain-front-door.ts')).toEqual([]);
  expect(violations('workflows/reaches-into-domain.ts')).toEqual([{ rule: 'lib-front-door', to: 'libs/domain/src/pure-decision.ts' }]);
  expect(violations('workflows/uses-domain-index.ts')).toEqual([{ rule: 'workflows-import-only-domain', to: 'libs/domain/src/index.ts' }]);
});
