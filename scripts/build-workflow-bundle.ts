/**
 * Prebuilds the workflow bundle the worker loads in production (dist/workflow-bundle.js).
 * A broken bundle fails the build: the error is printed and the exit code is 1.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../libs/config/src/app-config';

export const WORKFLOW_BUNDLE_FILE = 'dist/workflow-bundle.js';

export async function buildWorkflowBundle(outFile = path.join(repoRoot(), WORKFLOW_BUNDLE_FILE)): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(path.join(repoRoot(), 'workflows', 'index.ts')),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error },
  });
  await writeFile(outFile, code);
  return outFile;
}

if (require.main === module) {
  buildWorkflowBundle().then(
    (file) => process.stdout.write(`workflow bundle written to ${path.relative(process.cwd(), file)}\n`),
    (error: unknown) => {
      process.stderr.write(`workflow bundle failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
