/**
 * The bare-Temporal baseline of full lifecycle throughput: one workflow per case that runs
 * as many activities, one after another, as the engine's case workflow ran for one case
 * from intake to closure — each writing one row, as each of the engine's activities
 * appends to the event store — then ends.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { BareActivities } from './bare-activities';

const { writeRow } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

export async function bareLifecycleWorkflow(caseId: string, activities: number): Promise<void> {
  for (let i = 0; i < activities; i++) {
    await writeRow(`${caseId}-${i}`);
  }
}
