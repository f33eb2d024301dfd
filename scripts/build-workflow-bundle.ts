/**
 * Prebuilds the workflow bundles the worker loads in production: dist/workflow-bundle.js,
 * and beside it dist/workflow-bundle.traced.js, the same with Temporal's OpenTelemetry
 * workflow interceptors, for a worker that traces (libs/observability/src/temporal-interceptors.ts).
 * A broken bundle fails the build: the error is printed and the exit code is 1.
 *
 * Run as a script (`npm run build`, so every `npm start`), it skips the bundling when none
 * of the bundle's inputs changed since the bundle was written: the fingerprint of those
 * inputs is kept next to the bundle, so a deleted dist/ rebuilds it.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../libs/config/src';
import { tracedWorkflowBundle, workflowInterceptorModules } from '../libs/observability/src';
import { workflowBundleInputsFingerprint } from './workflow-bundle-inputs';

export const WORKFLOW_BUNDLE_FILE = 'dist/workflow-bundle.js';

/** The bundle at outFile (`traced`: with the tracing interceptors); its path. */
export async function buildWorkflowBundle(outFile = path.join(repoRoot(), WORKFLOW_BUNDLE_FILE), traced = false): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(path.join(repoRoot(), 'workflows', 'index.ts')),
    workflowInterceptorModules: workflowInterceptorModules(traced),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error },
  });
  await writeFile(outFile, code);
  return outFile;
}

/** Both bundles, the plain one at outFile and the traced one beside it; their paths. */
export async function buildWorkflowBundles(outFile = path.join(repoRoot(), WORKFLOW_BUNDLE_FILE)): Promise<{ plain: string; traced: string }> {
  const [plain, traced] = await Promise.all([buildWorkflowBundle(outFile), buildWorkflowBundle(tracedWorkflowBundle(outFile), true)]);
  return { plain, traced };
}

/** Bundles unless the bundles at outFile were made from the same inputs; says which it did. */
export async function buildWorkflowBundleWhenChanged(outFile = path.join(repoRoot(), WORKFLOW_BUNDLE_FILE)): Promise<'built' | 'up to date'> {
  const stamp = `${outFile}.inputs-sha256`;
  const fingerprint = workflowBundleInputsFingerprint(repoRoot());
  const built = existsSync(outFile) && existsSync(tracedWorkflowBundle(outFile)) && existsSync(stamp);
  if (built && readFileSync(stamp, 'utf8') === fingerprint) return 'up to date';
  await buildWorkflowBundles(outFile);
  await writeFile(stamp, fingerprint);
  return 'built';
}

if (require.main === module) {
  buildWorkflowBundleWhenChanged().then(
    (outcome) => process.stdout.write(`workflow bundle ${WORKFLOW_BUNDLE_FILE}: ${outcome}\n`),
    (error: unknown) => {
      process.stderr.write(`workflow bundle failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
