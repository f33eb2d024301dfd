/**
 * Runs schemathesis (PyPI, pinned in tools/schemathesis/requirements.txt, installed into
 * .tools/venv by the setup) against a running API, once per role, with every check it has:
 * no server errors, every status and answer as the OpenAPI document says, schema-valid
 * requests accepted, invalid ones refused, unsupported methods 405 with Allow, auth never
 * ignored, and stateful runs following the links it infers from our Location headers.
 * Used by the test command (a bounded run) and `npm run fuzz` (a long campaign).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../libs/config/src';

export interface SchemathesisRun {
  role: string;
  /** the phases of this invocation */
  phases: string;
  exitCode: number;
  /** test cases schemathesis generated and sent (each at least one request) */
  testCases: number;
  /** the last lines it printed: the failures and the summary */
  output: string;
  reportDir: string;
}

export interface SchemathesisOptions {
  baseUrl: string;
  /** role → API key secret; each role gets a run of its own */
  keys: Record<string, string>;
  maxExamples: number;
  reportDir: string;
  /** a fixed seed makes a run repeatable (the test command); none: a new one each run */
  seed?: number;
  /** wall-clock budget of each role's run, in seconds (fuzzing and stateful phases repeat until spent) */
  maxTimeSeconds?: number;
  workers?: number;
}

export function schemathesisBinary(): string {
  const binary = process.env.SCHEMATHESIS_PATH ?? path.join(repoRoot(), '.tools', 'venv', 'bin', 'st');
  if (!existsSync(binary)) throw new Error(`schemathesis is not installed at ${binary}: run npm run setup`);
  return binary;
}

interface OpenApiOperation {
  operationId?: string;
  'x-roles'?: string[];
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** An operation whose answer is a stream that stays open (server-sent events): only the client ends it. */
function streams(operation: OpenApiOperation): boolean {
  return Object.values(operation.responses ?? {}).some((response) => 'text/event-stream' in (response.content ?? {}));
}

/**
 * Which operations each run covers: a role's run, the operations that role may call
 * (`x-roles`, from the permission table: the 401/403 answers of the others are covered by
 * every run's auth checks and by the route tests); the anonymous run, the public ones.
 * Streaming operations are listed apart: schemathesis waits on each open stream until its
 * read times out (about 10 s a call), so they get the coverage phase only (every negative
 * and boundary case, once); their live behaviour has tests of its own.
 */
async function operationsByRun(baseUrl: string, roles: readonly string[]): Promise<{ runs: Map<string, string[]>; streaming: Set<string> }> {
  const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
  const runs = new Map<string, string[]>([...roles, ANONYMOUS].map((run) => [run, []]));
  const streaming = new Set<string>();
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations)) {
      if (!operation.operationId) continue;
      if (streams(operation)) streaming.add(operation.operationId);
      const allowed = operation['x-roles'] ?? [ANONYMOUS];
      for (const run of allowed) runs.get(run)?.push(operation.operationId);
    }
  }
  return { runs, streaming };
}

/** The run of the public operations, with no key. */
export const ANONYMOUS = 'anonymous';

/**
 * One schemathesis invocation per role and kind of phase: the coverage phase (examples and
 * the deterministic boundary and negative cases, the costly part) once per operation, by the
 * first role that may call it; fuzzing and stateful runs for every role on all it may call.
 */
export async function runSchemathesis(options: SchemathesisOptions): Promise<SchemathesisRun[]> {
  const runs: SchemathesisRun[] = [];
  const { runs: operations, streaming } = await operationsByRun(options.baseUrl, Object.keys(options.keys));
  const covered = new Set<string>();
  for (const [role, operationIds] of operations) {
    const coverage = operationIds.filter((id) => !covered.has(id));
    coverage.forEach((id) => covered.add(id));
    const fuzzed = operationIds.filter((id) => !streaming.has(id));
    for (const [phases, ids] of [['examples,coverage', coverage], ['fuzzing,stateful', fuzzed]] as const) {
      if (ids.length === 0) continue;
      runs.push(await runOnce(options, role, phases, ids));
    }
  }
  return runs;
}

async function runOnce(options: SchemathesisOptions, role: string, phases: string, operationIds: readonly string[]): Promise<SchemathesisRun> {
  const secret = options.keys[role];
  const reportDir = path.join(options.reportDir, `${role}-${phases.replace(',', '-')}`);
  mkdirSync(reportDir, { recursive: true });
  const args = [
    '--config-file', path.join(repoRoot(), 'tools', 'schemathesis', 'schemathesis.toml'),
    'run', `${options.baseUrl}/openapi.json`,
    '--checks', 'all',
    '--phases', phases,
    ...(secret ? ['--header', `Authorization: Bearer ${secret}`] : []),
    ...operationIds.flatMap((id) => ['--include-operation-id', id]),
    '--max-examples', String(options.maxExamples),
    '--workers', String(options.workers ?? 1),
    '--generation-database', 'none',
    // how fast examples are generated says nothing of the API; on a busy 2-core machine the
    // generator's own timing check failed an operation whose every example had passed
    '--suppress-health-check', 'too_slow',
    '--report', 'junit,ndjson',
    '--report-dir', reportDir,
    '--no-color',
    '--output-truncate', 'true',
    ...(options.seed === undefined ? [] : ['--seed', String(options.seed)]),
    ...(options.maxTimeSeconds === undefined ? [] : ['--max-time', String(options.maxTimeSeconds)]),
  ];
  // schemathesis keeps a cache in its working folder: the report folder, not the checkout
  const { code, output } = await run(schemathesisBinary(), args, reportDir);
  const testCases = Number(/(\d+) generated/.exec(output)?.[1] ?? 0);
  return { role, phases, exitCode: code, testCases, output: output.split('\n').slice(-120).join('\n'), reportDir };
}

function run(binary: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, env: { ...process.env, PYTHONUNBUFFERED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}
