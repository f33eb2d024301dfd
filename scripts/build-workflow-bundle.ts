/**
 * Prebuilds the workflow bundle the worker loads in production (dist/workflow-bundle.js).
 * A broken bundle fails the build: the error is printed and the exit code is 1.
 *
 * Run as a script (`npm run build`, so every `npm start`), it skips the bundling when none
 * of the bundle's inputs changed since the bundle was written: the fingerprint of those
 * inputs is kept next to the bundle, so a deleted dist/ rebuilds it.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../libs/config/src/app-config';

export const WORKFLOW_BUNDLE_FILE = 'dist/workflow-bundle.js';

/**
 * Everything the bundle is made from. Workflow code may import only workflows/, libs/domain
 * and npm packages (.dependency-cruiser.cjs enforces it), the packages are pinned by the
 * lockfile, and the bundler's options live in this file.
 */
const BUNDLE_INPUTS = ['workflows', 'libs/domain', 'package-lock.json', 'tsconfig.json', 'scripts/build-workflow-bundle.ts'];

export async function buildWorkflowBundle(outFile = path.join(repoRoot(), WORKFLOW_BUNDLE_FILE)): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve(path.join(repoRoot(), 'workflows', 'index.ts')),
    logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error },
  });
  await writeFile(outFile, code);
  return outFile;
}

/** SHA-256 over the path and content of every file of BUNDLE_INPUTS, in a fixed order. */
export function bundleInputsFingerprint(root = repoRoot()): string {
  const files = BUNDLE_INPUTS.flatMap((input) => {
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

/** Bundles unless the bundle at outFile was made from the same inputs; says which it did. */
export async function buildWorkflowBundleWhenChanged(outFile = path.join(repoRoot(), WORKFLOW_BUNDLE_FILE)): Promise<'built' | 'up to date'> {
  const stamp = `${outFile}.inputs-sha256`;
  const fingerprint = bundleInputsFingerprint();
  if (existsSync(outFile) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) return 'up to date';
  await buildWorkflowBundle(outFile);
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
