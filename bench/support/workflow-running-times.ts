/**
 * When did each workflow begin running? The time of the first WorkflowTaskCompleted event in
 * its history: the worker has picked the workflow up, run its code to its first wait and
 * recorded the commands. Read from the Temporal server after a phase (never during one),
 * with a few requests in flight; both clocks are this machine's.
 */
import { Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { startProgress } from './progress';

/** temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED */
const WORKFLOW_TASK_COMPLETED = 7;

async function firstTaskCompletedAt(connection: Connection, workflowId: string): Promise<number | undefined> {
  let nextPageToken: Uint8Array | undefined;
  for (let page = 0; page < 5; page++) {
    const response = await connection.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId },
      maximumPageSize: 8,
      nextPageToken,
    });
    for (const event of response.history?.events ?? []) {
      if (event.eventType === WORKFLOW_TASK_COMPLETED && event.eventTime) return tsToMs(event.eventTime);
    }
    if (!response.nextPageToken?.length) return undefined;
    nextPageToken = response.nextPageToken;
  }
  return undefined;
}

/**
 * workflow id → epoch ms of its first completed workflow task. Ids not running yet are asked
 * again, once a second, for up to `waitMs`; those still absent then are left out.
 */
export async function workflowRunningTimes(temporalAddress: string, workflowIds: readonly string[], label: string, waitMs = 60_000): Promise<Map<string, number>> {
  const connection = await Connection.connect({ address: temporalAddress });
  const times = new Map<string, number>();
  const deadline = Date.now() + waitMs;
  try {
    let missing = [...workflowIds];
    for (let pass = 0; missing.length > 0; pass++) {
      if (pass > 0) {
        if (Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      const progress = pass === 0 ? startProgress(label, missing.length) : undefined;
      let next = 0;
      let done = 0;
      const ids = missing;
      const lane = async () => {
        while (next < ids.length) {
          const id = ids[next++];
          const at = await firstTaskCompletedAt(connection, id).catch(() => undefined);
          if (at !== undefined) times.set(id, at);
          progress?.update(++done);
        }
      };
      await Promise.all(Array.from({ length: 8 }, lane));
      progress?.stop();
      missing = ids.filter((id) => !times.has(id));
    }
  } finally {
    await connection.close();
  }
  return times;
}

/**
 * Waits until the workflows of the last `sample` ids (the latest started; the task queue is
 * served roughly in order) have all begun running, so a phase that follows does not share
 * the machine with a backlog of first workflow tasks. Resolves false on timeout.
 */
export async function waitUntilRunning(temporalAddress: string, workflowIds: readonly string[], timeoutMs: number, sample = 50): Promise<boolean> {
  const last = workflowIds.slice(-sample);
  const times = await workflowRunningTimes(temporalAddress, last, `wait for the last ${last.length} workflows to run`, timeoutMs);
  return times.size === last.length;
}
