/**
 * The final response and what follows it. A response passes the correspondence checks
 * before anything goes out (a failing one is recorded as CorrespondenceRejected with
 * every reason, and nothing is sent); with a second reviewer required another person must
 * approve it. Once sent, the resolution promise is kept, and the customer is asked to
 * confirm satisfaction: satisfied closes `confirmed`; dissatisfied reopens one rung higher
 * with a fresh resolution promise and an immediate call-back promise, until `maxReopens`,
 * after which a final response stating the referral rights closes the case; silence past
 * the window closes it `unconfirmed`. The customer can withdraw at any time.
 */
import { openPromises, type ComplaintState } from '../case/complaint-state';
import { checkCorrespondence } from '../correspondence/correspondence-check';
import {
  RESOLUTION_OUTCOMES,
  SYSTEM_ACTOR,
  type NewEvent,
  type ResolutionIssued,
  type ResolutionOutcome,
} from '../events/complaint-events';
import { ComplaintRuleError } from '../errors/complaint-rule-error';
import { requireOpen, requireText } from '../commands/case-guards';
import { closeCase } from '../commands/closure';
import { envelope, type DecisionContext } from '../commands/decision-context';
import { deadlineDurations } from '../deadlines/intake-deadlines';
import { escalation } from '../escalation/escalation-ladder';
import { newPromise, warningPoint } from '../promises/promise-ledger';
import { finalResponseNotice, noticesField, satisfactionRequestNotice } from '../notices/customer-notices';
import { renderLastReopenResponse, type CustomerNotice } from '../notices/render-notice';
import { satisfactionRequestId } from '../notifications/notifications';
import { phrasesFor } from '../correspondence/correspondence-phrases';

export interface IssueResolution {
  outcome: ResolutionOutcome;
  summary: string;
  responseText: string;
  /** one of the policy's root-cause codes: required when the policy lists them, refused when it lists none */
  rootCause?: string | null;
}

export interface ReviewResolution {
  decision: 'approve' | 'reject';
  reason: string;
}

export interface AnswerSatisfaction {
  satisfied: boolean;
  score?: number | null;
  comment?: string | null;
}

function keepResolutionPromises(state: ComplaintState, context: DecisionContext): NewEvent[] {
  return openPromises(state)
    .filter((p) => p.kind === 'resolution')
    .map((p) => ({ ...envelope(context, SYSTEM_ACTOR), type: 'PromiseKept' as const, data: { promiseId: p.promiseId, dueBy: p.dueBy } }));
}

/**
 * The final response as it goes out: the letter it is written in for this customer (checked
 * before, by decideResolution) and, unless it is the engine's last word, the request to
 * confirm satisfaction.
 */
function issued(
  state: ComplaintState,
  response: IssueResolution & { resolutionId: string; reviewedBy: string | null; final: boolean; rootCause: string | null },
  context: DecisionContext,
): NewEvent<ResolutionIssued> {
  const { calendar, policy, now } = context;
  const summaryBy = calendar.addWorkingTime(new Date(state.receivedAt), policy.regulatory.summaryResolution);
  const head = envelope(context);
  const satisfactionDueBy = response.final ? null : calendar.addWorkingTime(now, policy.satisfactionWindow).toISOString();
  const letter = finalResponseNotice(state, policy, head.id, response);
  const request = satisfactionDueBy
    ? satisfactionRequestNotice(state, policy, satisfactionRequestId(head.id), { askedAt: now.toISOString(), answerBy: satisfactionDueBy })
    : null;
  return {
    ...head,
    type: 'ResolutionIssued',
    data: {
      resolutionId: response.resolutionId,
      outcome: response.outcome,
      summary: response.summary,
      responseText: response.responseText,
      reviewedBy: response.reviewedBy,
      summaryResolution: now.getTime() <= summaryBy.getTime(),
      satisfactionDueBy,
      final: response.final,
      rootCause: response.rootCause,
      ...noticesField(letter, request),
    },
  };
}

export function decideResolution(state: ComplaintState, command: IssueResolution, context: DecisionContext): NewEvent[] {
  requireOpen(state);
  if (state.status === 'resolved') throw new ComplaintRuleError('conflict', 'the final response has been sent; it waits for the customer’s answer');
  if (!(RESOLUTION_OUTCOMES as readonly string[]).includes(command.outcome)) {
    throw new ComplaintRuleError('invalid-command', 'unknown outcome', [{ path: 'outcome', message: `must be one of ${RESOLUTION_OUTCOMES.join(', ')}` }]);
  }
  const summary = requireText(command.summary, 'summary', 5_000);
  const rootCause = checkedRootCause(command.rootCause, context);
  if (state.compensation.some((p) => p.status === 'pending_approval')) {
    throw new ComplaintRuleError('conflict', 'a compensation proposal is still waiting for its decision');
  }
  if (state.pendingResolution) throw new ComplaintRuleError('conflict', 'a final response is waiting for its second reviewer');
  // checked as the customer would read it: the letter in their language, when the policy writes one
  const letter: CustomerNotice | null = finalResponseNotice(state, context.policy, 'check', { outcome: command.outcome, responseText: command.responseText ?? '' });
  const check = checkCorrespondence(letter?.text ?? command.responseText ?? '', context.policy.correspondence, 'final-response', letter?.language);
  if (!check.passed) {
    return [{ ...envelope(context), type: 'CorrespondenceRejected', data: { attemptId: context.newId(), outcome: command.outcome, problems: check.problems } }];
  }
  const resolutionId = context.newId();
  if (context.policy.correspondence.secondReviewer) {
    return [{ ...envelope(context), type: 'ResolutionProposed', data: { resolutionId, outcome: command.outcome, summary, responseText: command.responseText, rootCause } }];
  }
  return [
    issued(state, { ...command, summary, resolutionId, reviewedBy: null, final: false, rootCause }, context),
    ...keepResolutionPromises(state, context),
  ];
}

/** The root cause a final response names: one the policy lists (required then), none when it lists none. */
function checkedRootCause(rootCause: string | null | undefined, context: DecisionContext): string | null {
  const codes = (context.policy.rootCauses ?? []).map((cause) => cause.code);
  if (rootCause === undefined || rootCause === null) {
    if (codes.length === 0) return null;
    throw new ComplaintRuleError('invalid-command', 'the policy lists root causes: name the one this complaint had', [
      { path: 'rootCause', message: `required: one of ${codes.join(', ')}` },
    ]);
  }
  if (!codes.includes(rootCause)) {
    throw new ComplaintRuleError('invalid-command', `unknown root cause "${rootCause}"`, [
      { path: 'rootCause', message: codes.length ? `must be one of ${codes.join(', ')}` : 'the policy lists no root causes: leave it out' },
    ]);
  }
  return rootCause;
}

export function decideResolutionReview(state: ComplaintState, command: ReviewResolution, context: DecisionContext): NewEvent[] {
  requireOpen(state);
  const pending = state.pendingResolution;
  if (!pending) throw new ComplaintRuleError('conflict', 'no final response is waiting for review');
  if (pending.proposedBy === context.actor.principal) {
    throw new ComplaintRuleError('not-permitted', 'a second reviewer must be a different person than the author');
  }
  const reason = requireText(command.reason, 'reason', 2_000);
  const approved = command.decision === 'approve';
  const reviewed: NewEvent = { ...envelope(context), type: 'ResolutionReviewed', data: { resolutionId: pending.resolutionId, approved, reason } };
  if (!approved) return [reviewed];
  return [
    reviewed,
    issued(state, { ...pending, reviewedBy: context.actor.principal, final: false, rootCause: pending.rootCause ?? null }, context),
    ...keepResolutionPromises(state, context),
  ];
}

/** The engine's final response after the last reopen, in the customer's language: it states the customer's referral rights. */
export function finalResponseText(state: ComplaintState, context: DecisionContext): string {
  const written = renderLastReopenResponse(context.policy, state);
  if (written !== null) return written;
  const rights = phrasesFor(context.policy.correspondence.referralRightsPhrases, null).join('; ');
  return (
    'We are sorry that we have not been able to resolve your complaint to your satisfaction. ' +
    `This is our final response. You have the right to take your complaint further: ${rights}.`
  );
}

export function decideSatisfaction(state: ComplaintState, command: AnswerSatisfaction, context: DecisionContext): NewEvent[] {
  requireOpen(state);
  if (state.status !== 'resolved') throw new ComplaintRuleError('conflict', 'the case is not waiting for the customer’s answer');
  const answer = { score: command.score ?? null, comment: command.comment ?? null };
  if (command.satisfied) {
    return [{ ...envelope(context), type: 'SatisfactionConfirmed', data: answer }, ...closeCase(state, 'confirmed', null, context)];
  }
  const declined: NewEvent = { ...envelope(context), type: 'SatisfactionDeclined', data: answer };
  const system = { ...context, actor: SYSTEM_ACTOR };
  if (state.reopenCount >= context.policy.maxReopens) {
    const last = state.resolutions[state.resolutions.length - 1];
    const final = issued(
      state,
      {
        outcome: last?.outcome ?? 'rejected',
        summary: 'Final response after the last reopen',
        responseText: finalResponseText(state, context),
        resolutionId: context.newId(),
        reviewedBy: null,
        final: true,
        rootCause: last?.rootCause ?? null,
      },
      system,
    );
    return [declined, final, ...closeCase(state, 'unconfirmed', 'the customer remained dissatisfied after the last reopen', system)];
  }
  const durations = deadlineDurations(context.policy, state.severity, state.category);
  const resolveBy = context.calendar.addWorkingTime(context.now, durations.resolution);
  const callBy = context.calendar.addWorkingTime(context.now, durations.firstContact);
  const count = (kind: string) => state.promises.filter((p) => p.kind === kind).length + 1;
  const reopened: NewEvent[] = [
    declined,
    { ...envelope(system), type: 'ComplaintReopened', data: { reopenCount: state.reopenCount + 1 } },
    newPromise(
      state,
      envelope(system),
      {
        promiseId: `resolution-${count('resolution')}`,
        kind: 'resolution',
        dueBy: resolveBy.toISOString(),
        warnAt: warningPoint(context.now, resolveBy, context.policy.warningAt, context.calendar).toISOString(),
        reason: 'the customer is not satisfied: the case is reopened',
      },
      system,
    ),
    newPromise(
      state,
      envelope(system),
      { promiseId: `callback-${count('callback')}`, kind: 'callback', dueBy: callBy.toISOString(), warnAt: null, reason: 'call the dissatisfied customer back at once' },
      system,
    ),
  ];
  const escalated = escalation({ ...state, status: 'investigating' }, 'dissatisfied', system);
  return escalated ? [...reopened, escalated] : reopened;
}

export function decideWithdrawal(state: ComplaintState, command: { reason: string }, context: DecisionContext): NewEvent[] {
  requireOpen(state);
  const reason = requireText(command.reason, 'reason', 2_000);
  return [{ ...envelope(context), type: 'ComplaintWithdrawn', data: { reason } }, ...closeCase(state, 'withdrawn', reason, context)];
}

/** Nobody answered within the satisfaction window: the case closes unconfirmed. */
export function decideSatisfactionWindow(state: ComplaintState, context: DecisionContext): NewEvent[] {
  if (state.status !== 'resolved') return [];
  return closeCase(state, 'unconfirmed', 'no answer within the satisfaction window', { ...context, actor: SYSTEM_ACTOR });
}
