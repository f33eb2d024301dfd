/**
 * Human actions on a case. Each is a Temporal update of the case's workflow, validated
 * there (an invalid action is refused synchronously and never reaches history). The
 * update goes to the running workflow; when there is none yet (an action that arrives
 * before the outbox relay has started it) it is sent again with update-with-start, which
 * starts the workflow from the case's recorded events.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { loadComplaintEvents } from '../../../../libs/event-store/src';
import { readPolicies } from '../../../../libs/event-store/src/policy-registry';
import type { complaintWorkflow } from '../../../../workflows/complaint/complaint-workflow';
import { complaintWorkflowInput } from '../../../../workflows/complaint/workflow-input';
import {
  caseUpdates,
  complaintWorkflowId,
  type ActionOf,
  type ActionResult,
  type CaseCommandName,
  type CaseCommands,
} from '../../../../workflows/complaint/messages';
import type { Principal } from '../auth/principal';
import { ComplaintRuleError } from '../../../../libs/domain/src';
import { APP_CONFIG, type AppConfig } from '../config/tokens';
import { ProblemException } from '../problems/problem';
import { CaseReadsService } from './case-reads.service';

const UPDATE_DEADLINE_MS = 15_000;

@Injectable()
export class CaseCommandsService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CaseReadsService) private readonly reads: CaseReadsService,
  ) {}

  /**
   * Merge a newer case into an older one: the newer closes as `merged` (its workflow
   * refuses if it is already closed), then the older records the newer report. A retry
   * after a failure in between finds the newer already merged and completes the second step.
   */
  async merge(principal: Principal, newerId: string, intoId: string): Promise<{ newer: ActionResult; older: ActionResult }> {
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
      ? { events: [], state: newer }
      : await this.act(principal, newer.id, 'merge', { into: older.id, intoReceivedAt: older.receivedAt });
    const recorded = await this.act(principal, older.id, 'recordMerged', {
      complaintId: newer.id,
      reference: newer.reference,
      channel: newer.channel,
      summary: newer.summary,
      description: newer.description,
      receivedAt: newer.receivedAt,
    });
    return { newer: closed, older: recorded };
  }

  async act<N extends CaseCommandName>(
    principal: Principal,
    complaintId: string,
    name: N,
    command: CaseCommands[N],
  ): Promise<ActionResult> {
    const current = await this.reads.caseFor(principal, complaintId);
    const update = caseUpdates[name] as UpdateDefinition<ActionResult, [ActionOf<CaseCommands[N]>]>;
    const args: [ActionOf<CaseCommands[N]>] = [{ actor: { principal: principal.id, role: principal.role }, command }];
    const handle = this.temporal.workflow.getHandle<typeof complaintWorkflow>(complaintWorkflowId(current.id));
    try {
      // the usual case: the workflow runs, and the update alone is enough (no history to read or send)
      return await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () => handle.executeUpdate(update, { args }));
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    // not started yet (the outbox relay has not got to it), or finished: update-with-start
    // starts it from the recorded events, or reports the closed case
    const [history, policies] = await Promise.all([
      loadComplaintEvents(this.db.manager, current.id),
      readPolicies(this.db.manager, [current.policyVersion]),
    ]);
    const policy = policies.get(current.policyVersion);
    if (!policy) throw new Error(`case ${current.id}: policy ${current.policyVersion} is not registered`);
    const start = new WithStartWorkflowOperation<typeof complaintWorkflow>('complaintWorkflow', {
      workflowId: complaintWorkflowId(current.id),
      taskQueue: this.config.temporal.taskQueue,
      args: [complaintWorkflowInput(current.id, policy, history)],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    return await this.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      this.temporal.workflow.executeUpdateWithStart(update, { args, startWorkflowOperation: start }),
    );
  }
}
