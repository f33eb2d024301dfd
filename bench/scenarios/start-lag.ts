/**
 * Workflow start lag and backlog drain.
 *  - Start lag: for each complaint answered 201, the time from that answer to its case
 *    workflow running (its first workflow task completed; see workflow-running-times.ts).
 *    The workflow is started afterwards by the worker's outbox relay, so this is the price
 *    of acknowledging first.
 *  - Backlog drain: after a burst, the rate at which the workflows still waiting at the
 *    burst's end begin running, against the bare start-only rate of the same server: as
 *    many bare workflows (a start, then a timer wait, like a case) started through the
 *    client with 100 starts in flight (the relay's batch), timed the same way.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { BARE_TASK_QUEUE } from '../baseline/bare-worker';
import { LatencyHistogram, type LatencySummary } from '../support/latency-histogram';
import { startProgress } from '../support/progress';
import { waitUntilRunning, workflowRunningTimes } from '../support/workflow-running-times';
import type { Ack } from './ack-latency';

const caseWorkflowId = (complaintId: string) => `complaint-${complaintId}`;

export interface StartLag extends LatencySummary {
  /** complaints whose workflow was not running when asked */
  notRunning: number;
}

export async function measureStartLag(temporalAddress: string, acks: readonly Ack[]): Promise<StartLag> {
  const running = await workflowRunningTimes(temporalAddress, acks.map((a) => caseWorkflowId(a.id)), 'start lag: read histories');
  const histogram = new LatencyHistogram();
  let notRunning = 0;
  for (const ack of acks) {
    const at = running.get(caseWorkflowId(ack.id));
    if (at === undefined) notRunning += 1;
    else histogram.recordMs(Math.max(0, at - ack.ackedAtMs));
  }
  return { ...histogram.summary(), notRunning };
}

export interface DrainRate {
  /** workflows not yet running when the clock started */
  backlog: number;
  seconds: number;
  workflowsPerSecond: number;
  notRunning: number;
}

function rateFrom(startMs: number, times: readonly (number | undefined)[]): DrainRate {
  const pending = times.filter((t): t is number => t !== undefined && t > startMs);
  const notRunning = times.filter((t) => t === undefined).length;
  const lastMs = pending.length > 0 ? Math.max(...pending) : startMs;
  const seconds = (lastMs - startMs) / 1000;
  return { backlog: pending.length, seconds, workflowsPerSecond: seconds > 0 ? pending.length / seconds : 0, notRunning };
}

/** The engine's drain: from the end of the burst to the last of its workflows running. */
export async function measureBacklogDrain(temporalAddress: string, acks: readonly Ack[], burstEndMs: number): Promise<DrainRate> {
  const ids = acks.map((a) => caseWorkflowId(a.id));
  // the outbox may be empty long before the worker has run every first workflow task
  await waitUntilRunning(temporalAddress, ids, 3_600_000);
  const running = await workflowRunningTimes(temporalAddress, ids, 'backlog drain: read histories');
  return rateFrom(burstEndMs, ids.map((id) => running.get(id)));
}

/** The bare server's rate: `count` trivial workflows started at once, 100 starts in flight. */
export async function measureBareStartOnly(temporalAddress: string, count: number): Promise<DrainRate> {
  const connection = await Connection.connect({ address: temporalAddress });
  const ids = Array.from({ length: count }, (_, i) => `bare-start-${randomUUID().slice(0, 8)}-${i}`);
  const startedMs = Date.now();
  try {
    const client = new Client({ connection, namespace: 'default' });
    const progress = startProgress(`bare start-only x${count}`, count);
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < ids.length) {
        const workflowId = ids[next++];
        await client.workflow.start('bareStartOnlyWorkflow', { workflowId, taskQueue: BARE_TASK_QUEUE, args: [] });
        progress.update(++done);
      }
    };
    await Promise.all(Array.from({ length: 100 }, lane));
    progress.stop();
  } finally {
    await connection.close();
  }
  const running = await workflowRunningTimes(temporalAddress, ids, 'bare start-only: read histories');
  return rateFrom(startedMs, ids.map((id) => running.get(id)));
}
