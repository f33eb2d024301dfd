/**
 * Where the Temporal binaries come from, in order of preference: an explicit path from
 * the environment; the copy `npm run setup` provisioned in .tools (PyPI wheels of the
 * official release binaries, or a build from source); last, the SDK's own download
 * (needs internet). The SDK takes a path as `{ type: 'existing-path', path }`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config/src';

export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

function firstExisting(candidates: (string | undefined)[]): string | undefined {
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

export function temporalCliPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const tools = path.join(repoRoot(), '.tools');
  return firstExisting([env.TEMPORAL_CLI_PATH, path.join(tools, 'venv/bin/temporal'), path.join(tools, 'bin/temporal')]);
}

export function temporalTestServerPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const tools = path.join(repoRoot(), '.tools');
  return firstExisting([env.TEMPORAL_TEST_SERVER_PATH, path.join(tools, 'venv/bin/temporal-test-server')]);
}

/** For TestWorkflowEnvironment.createTimeSkipping({ server: { executable } }). */
export function timeSkippingExecutable(env: NodeJS.ProcessEnv = process.env): ServerExecutable {
  const found = temporalTestServerPath(env);
  return found ? { type: 'existing-path', path: found } : { type: 'cached-download' };
}
