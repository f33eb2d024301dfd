/**
 * Failures of Temporal calls, translated into what they mean for the caller: a domain
 * refusal (its ComplaintRuleError), a failed action (each ActionFailureType), or an
 * unavailable workflow service. `toProblem` asks this first, so a Temporal error answers
 * the same wherever it is thrown.
 */
import { ApplicationFailure } from '@temporalio/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ComplaintRuleError, isComplaintRuleCode, type RuleViolation } from '../../../../libs/domain/src';
import { ProblemException } from '../problems/problem';
import { ACTION_FAILURE, type ActionFailureType } from '../../../../workflows/complaint/action-failures';

const RETRY_LATER = { 'Retry-After': '5' };

/** What a case action that failed (and was not refused by the domain) answers, per failure type. */
const ACTION_FAILURES: { readonly [T in ActionFailureType]: (failure: ApplicationFailure) => ProblemException } = {
  [ACTION_FAILURE.contentRefused]: (failure) => new ProblemException('content-refused', failure.message),
  [ACTION_FAILURE.storeUnavailable]: () =>
    new ProblemException('store-unavailable', 'the event store did not answer; the action was not recorded, retry it', {}, RETRY_LATER),
  // the workflow decided the action again on each stale version and gave up: nothing was recorded
  [ACTION_FAILURE.staleVersion]: () =>
    new ProblemException('conflict', 'the case kept changing while this action was decided; nothing was recorded, retry it (with a new Idempotency-Key if one was sent)'),
  [ACTION_FAILURE.internal]: () => new ProblemException('internal', 'the engine could not take this action; it has been logged'),
};

function isActionFailureType(type: string | undefined | null): type is ActionFailureType {
  return typeof type === 'string' && Object.hasOwn(ACTION_FAILURES, type);
}

/** What a Temporal error means for the caller, or null when the error is not Temporal's. */
export function fromTemporalError(error: unknown): Error | null {
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (!(cause instanceof ApplicationFailure)) return new ProblemException('internal', 'the engine could not take this action; it has been logged');
    if (isComplaintRuleCode(cause.type)) {
      const violations = (cause.details?.[0] as RuleViolation[] | undefined) ?? [];
      return new ComplaintRuleError(cause.type, cause.message, violations);
    }
    if (isActionFailureType(cause.type)) return ACTION_FAILURES[cause.type](cause);
    return new ProblemException('internal', 'the engine could not take this action; it has been logged');
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    // update-with-start found the case's workflow finished: the case closed meanwhile
    return new ComplaintRuleError('case-closed', 'the case has been closed');
  }
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || hasCode(error, DEADLINE_EXCEEDED)) {
    // the call may have reached the case's workflow, which carries it out once a worker gets to it
    return new ProblemException(
      'temporal-unavailable',
      'the workflow service did not answer in time; the action may still be taken: re-send it with the same Idempotency-Key, or read the case first',
      {},
      RETRY_LATER,
    );
  }
  if (isUnavailable(error)) {
    return new ProblemException('temporal-unavailable', 'the workflow service did not answer; the action was not taken, retry it', {}, RETRY_LATER);
  }
  return null;
}

const UNAVAILABLE = 14;
const DEADLINE_EXCEEDED = 4;

/** Whether the error, or one it was caused by, carries the gRPC status `code`. */
function hasCode(error: unknown, code: number): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

/** gRPC UNAVAILABLE (14), or a failed connection: the call did not reach the server. */
function isUnavailable(error: unknown): boolean {
  if (hasCode(error, UNAVAILABLE)) return true;
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const name = (e as { name?: unknown }).name;
    if (name === 'TransportError' || name === 'ServiceError') return true;
  }
  return false;
}
