/**
 * The one component that starts a case's workflow; everything else asks it. Three moments
 * need a start: the outbox relay starting each newly accepted case (`start`), a case command
 * that finds no workflow running (`withStartOperation`, the start half of the API's
 * update-with-start), and a webhook's delivery outcome that finds none running
 * (`signalWithStart`). Each builds the input the same way (the case's recorded events and
 * policy, read from the store: `complaintWorkflowInput`) and starts with the same options
 * (`startOptions`), the case's search attributes among them. The workflow id is the case's, so
 * a repeated start is harmless: a running workflow is used as it is, and a finished one is
 * never started again.
 */
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowStartOptions } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';
import type { EntityManager } from 'typeorm';
import { foldEvents, type RecordedEvent } from '../../domain/src';
import { complaintStreamId, readPolicies, readStreams, toRecordedEvent, type StartWorkflowPayload } from '../../event-store/src';
import { inRequest } from '../../observability/src';
import type { complaintWorkflow } from '../../../workflows/complaint/complaint-workflow';
import { complaintWorkflowId, type ComplaintWorkflowInput } from '../../../workflows/complaint/messages';
import { caseSearchAttributes } from '../../../workflows/complaint/case-search-attributes';
import { complaintWorkflowInput } from './case-workflow-input';
import { ensureCaseSearchAttributes } from './case-search-attribute-registration';

/**
 * The longest the starter waits on Temporal for one start, or one signal and the start it may
 * need. Without a deadline a call to an unreachable server is retried for ~30 s and one to a
 * hung server never ends; the outbox relay's lease (OUTBOX_LEASE_MS) counts on this bound.
 */
export const TEMPORAL_CALL_DEADLINE_MS = 10_000;

export type CaseWorkflowStartOptions = WorkflowStartOptions<typeof complaintWorkflow> & {
  workflowIdConflictPolicy: 'USE_EXISTING';
};

export class CaseWorkflowStarter {
  /** the case's search attributes ensured on the server, once (again after a failure) */
  private searchAttributesEnsured: Promise<void> | undefined;

  constructor(
    private readonly temporal: Client,
    private readonly db: EntityManager,
    readonly taskQueue: string,
  ) {}

  /** How every case workflow is started: its id, task queue, id policies, input and search attributes. */
  startOptions(input: ComplaintWorkflowInput): CaseWorkflowStartOptions {
    return {
      workflowId: complaintWorkflowId(input.complaintId),
      taskQueue: this.taskQueue,
      args: [input],
      // the case as its recorded events leave it (the workflow keeps them current from there)
      typedSearchAttributes: caseSearchAttributes(input.state ?? foldEvents(input.history ?? [])),
      // a running workflow is the one to use; a finished case is never started again
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    };
  }

  /**
   * Before this starter's first start (called within the caller's deadline): the search
   * attributes every start sets exist on the server.
   */
  private ensureSearchAttributes(): Promise<void> {
    this.searchAttributesEnsured ??= ensureCaseSearchAttributes(this.temporal.connection, this.temporal.options.namespace).catch((error: unknown) => {
      this.searchAttributesEnsured = undefined;
      throw error;
    });
    return this.searchAttributesEnsured;
  }

  /** The start input of each case (absent for a case without events or a registered policy). */
  async inputs(complaintIds: readonly string[]): Promise<Map<string, ComplaintWorkflowInput>> {
    const streams = await readStreams(this.db, complaintIds.map(complaintStreamId));
    const histories = new Map<string, RecordedEvent[]>(
      complaintIds.map((id) => [id, (streams.get(complaintStreamId(id)) ?? []).map(toRecordedEvent)]),
    );
    const versionOf = (history: RecordedEvent[]) =>
      history[0]?.type === 'ComplaintReceived' ? history[0].data.policyVersion : undefined;
    const policies = await readPolicies(
      this.db,
      [...histories.values()].map(versionOf).filter((v): v is string => !!v),
    );
    const inputs = new Map<string, ComplaintWorkflowInput>();
    for (const [complaintId, history] of histories) {
      const policy = policies.get(versionOf(history) ?? '');
      if (history.length && policy) inputs.set(complaintId, complaintWorkflowInput(complaintId, policy, history));
    }
    return inputs;
  }

  private async inputOf(complaintId: string): Promise<ComplaintWorkflowInput> {
    const input = (await this.inputs([complaintId])).get(complaintId);
    if (!input) throw new Error(`case ${complaintId} has no events or its policy version is not registered`);
    return input;
  }

  /**
   * Start each case's workflow (the outbox relay's start rows), each as part of the request
   * that accepted the case: one settled result per row, in order. A running or finished
   * workflow counts as started; a case without a start input fails (its row is retried).
   */
  async start(starts: readonly StartWorkflowPayload[]): Promise<PromiseSettledResult<void>[]> {
    const inputs = await this.inputs(starts.map((start) => start.complaintId));
    return Promise.allSettled(
      starts.map(async ({ complaintId, requestId }) => {
        const input = inputs.get(complaintId);
        if (!input) throw new Error(`case ${complaintId} has no events or its policy version is not registered`);
        try {
          await inRequest(requestId, () =>
            this.temporal.withDeadline(Date.now() + TEMPORAL_CALL_DEADLINE_MS, async () => {
              await this.ensureSearchAttributes();
              await this.temporal.workflow.start<typeof complaintWorkflow>('complaintWorkflow', this.startOptions(input));
            }),
          );
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        }
      }),
    );
  }

  /** The start half of update-with-start, for a case command that found no workflow running. */
  async withStartOperation(complaintId: string): Promise<WithStartWorkflowOperation<typeof complaintWorkflow>> {
    await this.temporal.withDeadline(Date.now() + TEMPORAL_CALL_DEADLINE_MS, () => this.ensureSearchAttributes());
    return new WithStartWorkflowOperation<typeof complaintWorkflow>('complaintWorkflow', this.startOptions(await this.inputOf(complaintId)));
  }

  /**
   * Signal the case's workflow, starting it when none is running (the usual case needs no
   * read of the store). A finished workflow is not started again: the signal has nobody left
   * to hear it and is dropped. A case without a start input fails.
   */
  async signalWithStart<Arg>(complaintId: string, signal: SignalDefinition<[Arg]>, arg: Arg): Promise<void> {
    await this.temporal.withDeadline(Date.now() + TEMPORAL_CALL_DEADLINE_MS, async () => {
      try {
        await this.temporal.workflow.getHandle(complaintWorkflowId(complaintId)).signal(signal, arg);
        return;
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
      try {
        await this.ensureSearchAttributes();
        await this.temporal.workflow.signalWithStart<typeof complaintWorkflow, [Arg]>('complaintWorkflow', {
          ...this.startOptions(await this.inputOf(complaintId)),
          signal,
          signalArgs: [arg],
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
    });
  }
}
