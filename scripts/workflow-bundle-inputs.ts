/**
 * What the workflow bundle is made from, as one fingerprint: `npm run build` remakes the
 * bundles only when it changed. Workflow code may import only workflows/, libs/domain and npm
 * packages (.dependency-cruiser.cjs enforces it), the packages are pinned by the lockfile,
 * the bundler's options live in scripts/build-workflow-bundle.ts and the interceptor modules
 * of each bundle in libs/observability/src/temporal-interceptors.ts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const WORKFLOW_BUNDLE_INPUTS = [
  'workflows',
  'libs/domain',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build-workflow-bundle.ts',
  // which workflow interceptor modules each bundle has
  'libs/observability/src/temporal-interceptors.ts',
];

/** SHA-256 over the path and content of every file of WORKFLOW_BUNDLE_INPUTS under `root`, in a fixed order. */
export function workflowBundleInputsFingerprint(root: string): string {
  const files = WORKFLOW_BUNDLE_INPUTS.flatMap((input) => {
    const absolute = path.join(root, input);
    if (!statSync(absolute).isDirectory()) return [input];
    return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
      .map((entry) => path.posix.join(input, entry.split(path.sep).join('/')))
      .filter((file) => statSync(path.join(root, file)).isFile());
  });
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}
