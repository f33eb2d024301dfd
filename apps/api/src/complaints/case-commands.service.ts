/**
 * Human actions on a case. Each is a Temporal update of the case's workflow, validated
 * there (an invalid action is refused synchronously and never reaches history). The
 * update goes to the running workflow; when there is none yet (an action that arrives
 * before the outbox relay has started it) it is sent again with update-with-start, whose
 * start the CaseWorkflowStarter defines (from the case's recorded events). A command sent
 * with an Idempotency-Key is one update however often it is re-sent (command-idempotency-key.ts).
 */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { CaseWorkflowStarter } from '../../../../libs/case-workflows/src';
import type { complaintWorkflow } from '../../../../workflows/complaint/complaint-workflow';
import {
  caseUpdates,
  complaintWorkflowId,
  type ActionOf,
  type ActionResult,
  type ActionResultV0,
  isActionResultV0,
  type CaseCommandName,
  type CaseCommands,
} from '../../../../workflows/complaint/messages';
import type { Principal } from '../auth/principal';
import { ComplaintRuleError, type ComplaintState, type RecordedEvent } from '../../../../libs/domain/src';
import { ProblemException } from '../problems/problem';
import { CaseReadsService } from './case-reads.service';
import { commandUpdateId } from './command-idempotency-key';

const UPDATE_DEADLINE_MS = 15_000;

/** What a case command answers: the events its action recorded and the case as it now stands. */
export interface CommandOutcome {
  events: RecordedEvent[];
  case: ComplaintState;
}

@Injectable()
export class CaseCommandsService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(CaseWorkflowStarter) private readonly starter: CaseWorkflowStarter,
    @Inject(CaseReadsService) private readonly reads: CaseReadsService,
  ) {}

  /**
   * Merge a newer case into an older one: the newer closes as `merged` (its workflow
   * refuses if it is already closed), then the older records the newer report. A retry
   * after a failure in between finds the newer already merged and completes the second step.
   */
  async merge(principal: Principal, newerId: string, intoId: string, idempotencyKey?: string): Promise<{ newer: CommandOutcome; older: CommandOutcome }> {
    const newer = await this.reads.caseFor(principal, newerId);
    // the case named in the body, not the one in the URL: its absence is a refused request (422), not a missing resource (404)
    const older = await this.reads.caseFor(principal, intoId).catch((error: unknown) => {
      if (error instanceof ProblemException && error.kind === 'not-found') {
        throw new ProblemException('rule-violation', `no complaint with id ${intoId} to merge into`, { errors: [{ path: 'into', message: 'no such complaint' }] });
      }
      throw error;
    });
    if (older.status === 'closed') {
      throw new ComplaintRuleError('case-closed', `case ${older.reference} is closed; merge into an open case`);
    }
    const alreadyMerged = newer.status === 'closed' && newer.mergedInto === older.id;
    const closed = alreadyMerged
      ? { events: [], case: newer }
      : await this.act(principal, newer.id, 'merge', { into: older.id, intoReceivedAt: older.receivedAt, intoReference: older.reference }, idempotencyKey);
    const recorded = await this.act(
      principal,
      older.id,
      'recordMerged',
      {
        complaintId: newer.id,
        reference: newer.reference,
        channel: newer.channel,
        summary: newer.summary,
        description: newer.description,
        receivedAt: newer.receivedAt,
      },
      idempotencyKey,
    );
    return { newer: closed, older: recorded };
  }

  /**
   * Run the action in the case's workflow, then read the case from the projection: the
   * append that recorded the action's events wrote its row in the same transaction, so the
   * row is at least at the version the action left (later, if another action followed).
   */
  async act<N extends CaseCommandName>(
    principal: Principal,
    complaintId: string,
    name: N,
    command: CaseCommands[N],
    idempotencyKey?: string,
  ): Promise<CommandOutcome> {
    const current = await this.reads.summaryFor(principal, complaintId);
    const updateId = idempotencyKey === undefined ? undefined : commandUpdateId(principal, idempotencyKey, name, command);
    const result: ActionResult | ActionResultV0 = await this.update(principal, current.id, name, command, updateId);
    if (isActionResultV0(result)) return { events: result.events, case: await this.reads.caseFor(principal, current.id) };
    const [events, after] = await Promise.all([
      this.reads.eventsRecorded(current.id, result.version - result.recorded, result.version),
      this.reads.caseFor(principal, current.id),
    ]);
    return { events, case: after };
  }

  private async update<N extends CaseCommandName>(
    principal: Principal,
    complaintId: string,
    name: N,
    command: CaseCommands[N],
    updateId: string | undefined,
  ): Promise<ActionResult> {
    const update = caseUpdates[name] as UpdateDefinition<ActionResult, [ActionOf<CaseCommands[N]>]>;
    const args: [ActionOf<CaseCommands[N]>] = [{ actor: { principal: principal.id, role: principal.role }, command }];
    const handle = this.temporal.workflow.getHandle<typeof complaintWorkflow>(complaintWorkflowId(complaintId));
    try {
      // the usual case: the workflow runs, and the update alone is enough (no history to read or send)
      return await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => handle.executeUpdate(update, { args, updateId }));
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    // not started yet (the outbox relay has not got to it), or finished: update-with-start
    // starts it from the recorded events, or reports the closed case
    const start = await this.starter.withStartOperation(complaintId);
    return await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      this.temporal.workflow.executeUpdateWithStart(update, { args, updateId, startWorkflowOperation: start }),
    );
  }
}
