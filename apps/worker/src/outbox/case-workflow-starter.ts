/**
 * Starting a case's workflow from the store: its recorded events and the policy version it
 * started under. The workflow id is the case's, so a repeated start is harmless: a running
 * (or finished) workflow counts as started.
 */
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '../../../../libs/domain/src/events/complaint-events';
import { complaintStreamId } from '../../../../libs/event-store/src/complaint-stream';
import { toRecordedEvent } from '../../../../libs/event-store/src/recorded-event';
import { readPolicies } from '../../../../libs/event-store/src/policy-registry';
import { readStreams } from '../../../../libs/event-store/src/read-stream';
import type { complaintWorkflow } from '../../../../workflows/complaint/complaint-workflow';
import { complaintWorkflowId, type ComplaintWorkflowInput } from '../../../../workflows/complaint/messages';
import { complaintWorkflowInput } from '../../../../workflows/complaint/workflow-input';

/** The start input of each case's workflow (absent for a case without events or a registered policy). */
export async function workflowInputs(tx: EntityManager, complaintIds: readonly string[]): Promise<Map<string, ComplaintWorkflowInput>> {
  const streams = await readStreams(tx, complaintIds.map(complaintStreamId));
  const histories = new Map<string, RecordedEvent[]>(
    complaintIds.map((id) => [id, (streams.get(complaintStreamId(id)) ?? []).map(toRecordedEvent)]),
  );
  const versionOf = (history: RecordedEvent[]) =>
    history[0]?.type === 'ComplaintReceived' ? history[0].data.policyVersion : undefined;
  const policies = await readPolicies(
    tx,
    [...histories.values()].map(versionOf).filter((v): v is string => !!v),
  );
  const inputs = new Map<string, ComplaintWorkflowInput>();
  for (const [complaintId, history] of histories) {
    const policy = policies.get(versionOf(history) ?? '');
    if (history.length && policy) inputs.set(complaintId, complaintWorkflowInput(complaintId, policy, history));
  }
  return inputs;
}

/**
 * The longest the outbox relay waits on Temporal for one delivery (a start, or a signal and
 * the start it may need); without a deadline a call to an unreachable server is retried for
 * ~30 s, and one to a hung server never ends. The relay's lease (OUTBOX_LEASE_MS) counts on it.
 */
export const TEMPORAL_CALL_DEADLINE_MS = 10_000;

export async function startCaseWorkflow(temporal: Client, taskQueue: string, input: ComplaintWorkflowInput | undefined): Promise<void> {
  if (!input) throw new Error('the case has no events or its policy version is not registered');
  try {
    await temporal.withDeadline(Date.now() + TEMPORAL_CALL_DEADLINE_MS, () =>
      temporal.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
        workflowId: complaintWorkflowId(input.complaintId),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    );
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    throw error;
  }
}
