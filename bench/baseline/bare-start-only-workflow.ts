/**
 * The bare-Temporal baseline of start lag and backlog drain: a workflow that is started and
 * then waits, as a case workflow waits on its timers — its first workflow task is the whole
 * of its work.
 */
import { sleep } from '@temporalio/workflow';

export async function bareStartOnlyWorkflow(): Promise<void> {
  await sleep('30 days');
}
