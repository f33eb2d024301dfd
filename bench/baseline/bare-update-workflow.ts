/**
 * The bare-Temporal baseline of intake latency: a workflow started by update-with-start
 * whose update runs one activity that writes one row, then the workflow ends.
 */
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BareActivities } from './bare-activities';

export const recordRowUpdate = defineUpdate<string, [string]>('recordRow');

const { writeRow } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

export async function bareUpdateWorkflow(): Promise<void> {
  let done = false;
  setHandler(recordRowUpdate, async (id) => {
    await writeRow(id);
    done = true;
    return id;
  });
  await condition(() => done);
}
