/**
 * What the customer is told by each event that concerns them, with the values its notice
 * is written from: the deciders call these and record the notices on the event itself
 * (`data.notices`), so an auditor reads exactly what the customer was told, and the
 * webhook the event causes (notifications.ts) carries it. A policy without notices writes
 * none: the events then carry no `notices` and the webhooks data only.
 */
import type { ComplaintState } from '../case/complaint-state';
import type { CaseDeadlines, Closure } from '../case/complaint-values';
import type { ResolutionOutcome } from '../events/complaint-events';
import type { Policy } from '../policy/policy-schema';
import { renderNotice, type CustomerNotice, type NoticeRecipient } from './render-notice';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole calendar days from `from` to `to`, rounded up ("within 5 days"). */
function daysBetween(from: string, to: string): number {
  return Math.max(0, Math.ceil((Date.parse(to) - Date.parse(from)) / DAY_MS));
}

/** `{ notices }` to spread into an event's data, or nothing when no notice was written. */
export function noticesField(...notices: (CustomerNotice | null)[]): { notices?: CustomerNotice[] } {
  const written = notices.filter((notice): notice is CustomerNotice => notice !== null);
  return written.length ? { notices: written } : {};
}

export function acknowledgmentNotice(
  policy: Policy,
  recipient: NoticeRecipient,
  noticeId: string,
  acknowledgment: { acknowledgedAt: string; receivedAt: string; deadlines: CaseDeadlines },
): CustomerNotice | null {
  const { deadlines } = acknowledgment;
  return renderNotice(policy, {
    noticeId,
    kind: 'acknowledgment',
    recipient,
    values: {
      receivedAt: acknowledgment.receivedAt,
      promisedResolutionBy: deadlines.promisedResolutionBy,
      finalResponseBy: deadlines.finalResponseBy,
      days: daysBetween(acknowledgment.acknowledgedAt, deadlines.promisedResolutionBy),
    },
  });
}

export function promiseChangedNotice(
  state: ComplaintState,
  policy: Policy,
  noticeId: string,
  promise: { kind: 'resolution' | 'callback'; dueBy: string; previousDueBy: string | null; reason: string },
): CustomerNotice | null {
  return renderNotice(policy, {
    noticeId,
    kind: 'promiseChanged',
    recipient: state,
    values: {
      promise: promise.kind,
      change: promise.previousDueBy ? 'revised' : 'new',
      dueBy: promise.dueBy,
      previousDueBy: promise.previousDueBy,
      reason: promise.reason,
    },
  });
}

export function informationRequestedNotice(state: ComplaintState, policy: Policy, noticeId: string, question: string): CustomerNotice | null {
  return renderNotice(policy, { noticeId, kind: 'informationRequested', recipient: state, values: { question } });
}

/** The final response: the response text framed by the policy's letter, with the compensation approved on the case. */
export function finalResponseNotice(
  state: ComplaintState,
  policy: Policy,
  noticeId: string,
  response: { outcome: ResolutionOutcome; responseText: string },
): CustomerNotice | null {
  const approved = state.compensation.filter((p) => p.status === 'approved').map((p) => p.amount);
  return renderNotice(policy, {
    noticeId,
    kind: 'finalResponse',
    recipient: state,
    values: { outcome: response.outcome, responseText: response.responseText, compensation: approved, compensationCount: approved.length },
  });
}

export function satisfactionRequestNotice(
  state: ComplaintState,
  policy: Policy,
  noticeId: string,
  request: { askedAt: string; answerBy: string },
): CustomerNotice | null {
  return renderNotice(policy, {
    noticeId,
    kind: 'satisfactionRequest',
    recipient: state,
    values: { answerBy: request.answerBy, days: daysBetween(request.askedAt, request.answerBy) },
  });
}

export function closureNotice(
  state: ComplaintState,
  policy: Policy,
  noticeId: string,
  closure: { closure: Closure; mergedInto: string | null },
): CustomerNotice | null {
  return renderNotice(policy, {
    noticeId,
    kind: 'closure',
    recipient: state,
    values: { closure: closure.closure, mergedInto: closure.mergedInto },
  });
}
