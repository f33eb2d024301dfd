import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workflowBundleInputsFingerprint } from './workflow-bundle-inputs';

describe('the workflow bundle inputs fingerprint', () => {
  let root: string;
  const write = (file: string, content: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  };

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'bundle-inputs-'));
    write('workflows/index.ts', 'export * from "./complaint/complaint-workflow";');
    write('workflows/complaint/complaint-workflow.ts', 'export async function complaint() {}');
    write('libs/domain/src/case/complaint-state.ts', 'export const initial = {};');
    write('package-lock.json', '{}');
    write('tsconfig.json', '{}');
    write('scripts/build-workflow-bundle.ts', '// bundler options');
    write('libs/observability/src/temporal-interceptors.ts', '// interceptor modules');
    write('apps/api/src/main.ts', 'console.log("api")');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stays the same while nothing changes', () => {
    expect(workflowBundleInputsFingerprint(root)).toBe(workflowBundleInputsFingerprint(root));
  });

  it.each([
    ['a changed domain file', () => write('libs/domain/src/case/complaint-state.ts', 'export const initial = { v: 2 };')],
    ['a new file deep in workflows/', () => write('workflows/complaint/timers/deadline.ts', 'export {}')],
    ['a changed lockfile', () => write('package-lock.json', '{"lockfileVersion":3}')],
    ['changed bundler options', () => write('scripts/build-workflow-bundle.ts', '// other options')],
    ['changed workflow interceptor modules', () => write('libs/observability/src/temporal-interceptors.ts', '// other modules')],
  ])('changes with %s', (_what, change) => {
    const before = workflowBundleInputsFingerprint(root);
    change();
    expect(workflowBundleInputsFingerprint(root)).not.toBe(before);
  });

  it('ignores what the bundle is not made from (the API, the worker)', () => {
    const before = workflowBundleInputsFingerprint(root);
    write('apps/api/src/main.ts', 'console.log("api v2")');
    expect(workflowBundleInputsFingerprint(root)).toBe(before);
  });
});
