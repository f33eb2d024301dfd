/**
 * `npm run replay-check`: replays the Temporal histories of the open cases on a running
 * server (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE) against the current workflow code, with
 * `Worker.runReplayHistories`, so a non-deterministic change to the workflows is found
 * before it is deployed. The workflow code is the prebuilt bundle (WORKFLOW_BUNDLE, or
 * dist/workflow-bundle.js that `npm run build` writes). Exits 1 on any failure.
 * The test run uses `replayWorkflowHistories` on every workflow its tests produced
 * (test/global-teardown.ts).
 */
import { Client, Connection, type HistoryAndWorkflowId } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import path from 'node:path';
import { loadConfig, repoRoot } from '../libs/config/src';
import { WORKFLOW_BUNDLE_FILE } from './build-workflow-bundle';

export interface ReplayFailure {
  workflowId: string;
  runId: string;
  error: string;
  /** a determinism violation: the current code would not make the recorded decisions */
  nondeterministic: boolean;
}

export interface ReplaySummary {
  replayed: number;
  failures: ReplayFailure[];
}

/** Replay every workflow the visibility `query` finds against the bundle at `bundlePath`. */
export function replayWorkflowHistories(client: Client, bundlePath: string, query?: string): Promise<ReplaySummary> {
  return replayHistories(bundlePath, client.workflow.list(query ? { query } : {}).intoHistories({ concurrency: 5 }));
}

/** Replay the given histories against the bundle at `bundlePath`. */
export async function replayHistories(bundlePath: string, histories: AsyncIterable<HistoryAndWorkflowId>): Promise<ReplaySummary> {
  const summary: ReplaySummary = { replayed: 0, failures: [] };
  for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: bundlePath } }, histories)) {
    summary.replayed += 1;
    if (result.error) {
      summary.failures.push({
        workflowId: result.workflowId,
        runId: result.runId,
        error: result.error.message,
        nondeterministic: result.error.name === 'DeterminismViolationError',
      });
    }
  }
  return summary;
}

export function describeFailures(summary: ReplaySummary): string {
  return summary.failures
    .map((f) => `  ${f.workflowId} (run ${f.runId})${f.nondeterministic ? ' NON-DETERMINISTIC' : ''}: ${f.error}`)
    .join('\n');
}

async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.temporal.address) {
    process.stderr.write('TEMPORAL_ADDRESS is required (the Temporal server whose open cases to replay)\n');
    return 2;
  }
  const bundle = path.resolve(config.workflowBundle ?? path.join(repoRoot(), WORKFLOW_BUNDLE_FILE));
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    const client = new Client({ connection, namespace: config.temporal.namespace });
    const summary = await replayWorkflowHistories(
      client,
      bundle,
      `WorkflowType = 'complaintWorkflow' AND ExecutionStatus = 'Running'`,
    );
    process.stdout.write(`${summary.replayed} open case workflows replayed against ${path.relative(process.cwd(), bundle)}\n`);
    if (summary.failures.length === 0) return 0;
    process.stdout.write(`${summary.failures.length} failed:\n${describeFailures(summary)}\n`);
    return 1;
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`replay check failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
