/**
 * Before stopping what global-setup.ts started: every workflow history the integration
 * tests produced on the run's Temporal dev server is replayed against the current
 * workflow code (Worker.runReplayHistories with the run's bundle), so a non-deterministic
 * change to workflow code fails the run. Then the servers stop and the folder goes.
 */
import { Client, Connection } from '@temporalio/client';
import { rmSync } from 'node:fs';
import { describeFailures, replayWorkflowHistories } from '../scripts/replay-check';

async function replayEveryHistory(address: string, bundle: string): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const summary = await replayWorkflowHistories(new Client({ connection }), bundle);
    if (summary.failures.length > 0) {
      throw new Error(
        `${summary.failures.length} of ${summary.replayed} workflow histories of this run do not replay ` +
          `against the current workflow code:\n${describeFailures(summary)}`,
      );
    }
    process.stdout.write(`\n${summary.replayed} workflow histories of this run replayed against the current workflow code\n`);
  } finally {
    await connection.close();
  }
}

export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__TEST_SERVERS__;
  if (!servers) return;
  try {
    await replayEveryHistory(servers.temporal.address, process.env.TEST_WORKFLOW_BUNDLE!);
  } finally {
    await Promise.allSettled([servers.temporal.stop(), servers.postgres.stop()]);
    rmSync(servers.dir, { recursive: true, force: true });
  }
}
