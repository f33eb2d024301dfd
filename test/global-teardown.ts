/**
 * Before stopping what global-setup.ts started: every workflow history the integration
 * tests produced on the run's Temporal dev server is replayed against the current
 * workflow code (Worker.runReplayHistories with the run's bundle), so a non-deterministic
 * change to workflow code fails the run. Then the servers stop and the folder goes.
 *
 * With RECORD_WORKFLOW_HISTORIES=1 it also writes a small set of the run's case-workflow
 * histories that together exercise everything any of them does (every action, the
 * delivery-outcome signal, deadline timers, continue-as-new…) into
 * workflows/complaint/__histories__, replacing what is there: the histories every later
 * version of the workflow code must still replay (recorded-histories.int.spec.ts).
 */
import { Client, Connection } from '@temporalio/client';
import { historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeFailures, replayWorkflowHistories } from '../scripts/replay-check';
import { coveringHistories, historyFeatures } from './support/workflow-history-features';

export const RECORDED_HISTORIES_DIR = path.join(__dirname, '../workflows/complaint/__histories__');

async function replayEveryHistory(client: Client, bundle: string): Promise<void> {
  const summary = await replayWorkflowHistories(client, bundle);
  if (summary.failures.length > 0) {
    throw new Error(
      `${summary.failures.length} of ${summary.replayed} workflow histories of this run do not replay ` +
        `against the current workflow code:\n${describeFailures(summary)}`,
    );
  }
  process.stdout.write(`\n${summary.replayed} workflow histories of this run replayed against the current workflow code\n`);
}

async function recordCoveringHistories(client: Client): Promise<void> {
  const candidates = [];
  for await (const { workflowId, history } of client.workflow.list({ query: "WorkflowType = 'complaintWorkflow'" }).intoHistories({ concurrency: 5 })) {
    const json = historyToJSON(history as History);
    candidates.push({ workflowId, json, bytes: json.length, features: historyFeatures(history as History) });
  }
  const chosen = coveringHistories(candidates);
  mkdirSync(RECORDED_HISTORIES_DIR, { recursive: true });
  for (const file of readdirSync(RECORDED_HISTORIES_DIR)) rmSync(path.join(RECORDED_HISTORIES_DIR, file));
  const covered = new Set<string>();
  for (const [index, { workflowId, features, json }] of chosen.entries()) {
    const added = [...features].filter((f) => !covered.has(f)).sort();
    added.forEach((f) => covered.add(f));
    const name = `${String(index + 1).padStart(2, '0')}-${added[0].replace(/\W+/g, '-')}.json`;
    const file = { workflowId, features: [...features].sort(), history: JSON.parse(json) };
    writeFileSync(path.join(RECORDED_HISTORIES_DIR, name), `${JSON.stringify(file)}\n`);
  }
  process.stdout.write(`recorded ${chosen.length} of ${candidates.length} case-workflow histories into ${RECORDED_HISTORIES_DIR}\n`);
}

export default async function globalTeardown(): Promise<void> {
  const servers = globalThis.__TEST_SERVERS__;
  if (!servers) return;
  try {
    const connection = await Connection.connect({ address: servers.temporal.address });
    try {
      const client = new Client({ connection });
      await replayEveryHistory(client, process.env.TEST_WORKFLOW_BUNDLE!);
      if (process.env.RECORD_WORKFLOW_HISTORIES === '1') await recordCoveringHistories(client);
    } finally {
      await connection.close();
    }
  } finally {
    await Promise.allSettled([servers.temporal.stop(), servers.postgres.stop()]);
    rmSync(servers.dir, { recursive: true, force: true });
  }
}
