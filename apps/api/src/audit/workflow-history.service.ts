/** A case's Temporal workflow history, exported as the JSON that Temporal's tools read and replay. */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { complaintWorkflowId } from '../../../../workflows/complaint/messages';
import type { Principal } from '../auth/principal';
import { CaseReadsService } from '../complaints/case-reads.service';
import { ProblemException } from '../problems/problem';

@Injectable()
export class WorkflowHistoryService {
  constructor(
    @Inject(Client) private readonly temporal: Client,
    @Inject(CaseReadsService) private readonly reads: CaseReadsService,
  ) {}

  async historyOf(principal: Principal, complaintId: string): Promise<{ workflowId: string; history: unknown }> {
    const state = await this.reads.caseFor(principal, complaintId);
    const workflowId = complaintWorkflowId(state.id);
    try {
      const history = await this.temporal.workflow.getHandle(workflowId).fetchHistory();
      // the proto3 JSON form Temporal's tools read (`temporal workflow show --output json`, Worker.runReplayHistory)
      return { workflowId, history: JSON.parse(historyToJSON(history)) as unknown };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw new ProblemException('not-found', `workflow ${workflowId} has not started yet (or its history is past retention)`);
      }
      throw error; // toProblem answers what a Temporal failure means
    }
  }
}
