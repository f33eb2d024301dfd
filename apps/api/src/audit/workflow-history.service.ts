/** A case's Temporal workflow history, exported as the JSON that Temporal's tools read and replay. */
import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { historyToJSON, type History } from '@temporalio/common/lib/proto-utils';
import { complaintWorkflowId } from '../../../../workflows/complaint/messages';
import type { Principal } from '../auth/principal';
import { CaseReadsService } from '../complaints/case-reads.service';
import { ProblemException } from '../problems/problem';
import { mapTemporalError } from '../temporal/temporal-errors';

/**
 * The history in the proto3 JSON form of Temporal's tools (`historyToJSON`). Where the SDK's
 * JSON conversion cannot run (it needs @temporalio/proto on protobufjs 8; an install that
 * resolved protobufjs 7 for it throws a TypeError), the protobufjs JSON of the same message
 * (64-bit integers and enums as strings, bytes as base64) is returned instead.
 */
export function historyAsJson(history: History): unknown {
  try {
    return JSON.parse(historyToJSON(history));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.parse(JSON.stringify(history));
  }
}

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
      return { workflowId, history: historyAsJson(history) };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        throw new ProblemException('not-found', `workflow ${workflowId} has not started yet (or its history is past retention)`);
      }
      throw mapTemporalError(error);
    }
  }
}
