/** Failures of Temporal calls, mapped to domain refusals or to 503. */
import { ApplicationFailure } from '@temporalio/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import {
  ComplaintRuleError,
  isComplaintRuleCode,
  type RuleViolation,
} from '../../../../libs/domain/src/errors/complaint-rule-error';
import { ProblemException } from '../problems/problem';
import { ACTION_FAILURE } from '../../../../workflows/complaint/action-failures';

export function mapTemporalError(error: unknown): Error {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && isComplaintRuleCode(cause.type)) {
      const violations = (cause.details?.[0] as RuleViolation[] | undefined) ?? [];
      return new ComplaintRuleError(cause.type, cause.message, violations);
    }
    if (cause instanceof ApplicationFailure && cause.type === ACTION_FAILURE.contentRefused) {
      return new ProblemException('content-refused', cause.message);
    }
    if (cause instanceof ApplicationFailure && cause.type === ACTION_FAILURE.storeUnavailable) {
      return new ProblemException('store-unavailable', 'the event store did not answer; the action was not recorded, retry it', {}, { 'Retry-After': '5' });
    }
    return error;
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    // update-with-start found the case's workflow finished: the case closed meanwhile
    return new ComplaintRuleError('case-closed', 'the case has been closed');
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isUnavailable(error)) {
    return new ProblemException(
      'temporal-unavailable',
      'the workflow service did not answer in time; the action was not taken, retry it',
      {},
      { 'Retry-After': '5' },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** gRPC UNAVAILABLE (14) / DEADLINE_EXCEEDED (4), or a failed connection. */
function isUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === 14 || code === 4) return true;
    const name = (e as { name?: unknown }).name;
    if (name === 'TransportError' || name === 'ServiceError') return true;
  }
  return false;
}
