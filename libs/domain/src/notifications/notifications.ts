/**
 * Webhooks to the intake system. Which recorded events the customer's intake system is
 * told about (only cases with a callbackUrl), with what body, and how a delivery
 * attempt's outcome is recorded: NotificationSent / NotificationFailed, and after the
 * policy's number of failed attempts one escalation (the case must not go silent).
 */
import type { ComplaintState } from '../case/complaint-state';
import { SYSTEM_ACTOR, type ComplaintEvent, type NewEvent, type NotificationType } from '../events/complaint-events';
import { envelope, type DecisionContext } from '../commands/decision-context';
import { escalation } from '../escalation/escalation-ladder';
import type { Policy } from '../policy/policy-schema';
import type { CustomerNotice } from '../notices/render-notice';

export interface Notification {
  /** the webhook-id: unique per notification, the same on every retry (the event's id) */
  notificationId: string;
  type: NotificationType;
  complaintId: string;
  occurredAt: string;
  url: string;
  data: Record<string, unknown>;
  /** what the customer is told, in their language, when the policy writes notices */
  message?: WebhookMessage;
}

/** The customer's notice as a webhook carries it. */
export type WebhookMessage = Pick<CustomerNotice, 'language' | 'direction' | 'subject' | 'text' | 'templateVersion'>;

/** The webhook-id of the satisfaction request a final response also causes (the response's own is the event's id). */
export function satisfactionRequestId(eventId: string): string {
  return `${eventId}.satisfaction`;
}

function withMessage(notification: Notification, event: ComplaintEvent): Notification {
  const notices = (event.data as { notices?: CustomerNotice[] }).notices;
  const notice = notices?.find((n) => n.noticeId === notification.notificationId);
  if (!notice) return notification;
  const { language, direction, subject, text, templateVersion } = notice;
  return { ...notification, message: { language, direction, subject, text, templateVersion } };
}

/** The webhooks an event recorded on `state` (the state after it) calls for. */
export function notificationsFor(
  event: ComplaintEvent & { id: string; occurredAt: string },
  state: ComplaintState,
): Notification[] {
  return webhooksFor(event, state).map((notification) => withMessage(notification, event));
}

function webhooksFor(event: ComplaintEvent & { id: string; occurredAt: string }, state: ComplaintState): Notification[] {
  if (!state.callbackUrl) return [];
  const base = { notificationId: event.id, complaintId: state.id, occurredAt: event.occurredAt, url: state.callbackUrl };
  const reference = state.reference;
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return [
        {
          ...base,
          type: 'complaint.acknowledged',
          data: {
            reference,
            status: state.status,
            acknowledgedAt: event.data.acknowledgedAt,
            promisedResolutionBy: event.data.deadlines.promisedResolutionBy,
            owner: event.data.owner,
          },
        },
      ];
    case 'PromiseRevised':
      return [
        {
          ...base,
          type: 'complaint.promise_changed',
          data: { reference, promiseId: event.data.promiseId, dueBy: event.data.dueBy, previousDueBy: event.data.previousDueBy, reason: event.data.reason },
        },
      ];
    case 'ResolutionPromised':
      return [
        {
          ...base,
          type: 'complaint.promise_changed',
          data: { reference, promiseId: event.data.promiseId, kind: event.data.kind, dueBy: event.data.dueBy, previousDueBy: null, reason: event.data.reason },
        },
      ];
    case 'InformationRequested':
      return [
        {
          ...base,
          type: 'complaint.information_requested',
          data: { reference, requestId: event.data.requestId, question: event.data.question },
        },
      ];
    case 'ResolutionIssued': {
      const finalResponse: Notification = {
        ...base,
        type: 'complaint.final_response',
        data: { reference, outcome: event.data.outcome, summary: event.data.summary, responseText: event.data.responseText, summaryResolution: event.data.summaryResolution },
      };
      if (!event.data.satisfactionDueBy) return [finalResponse];
      return [
        finalResponse,
        {
          ...base,
          notificationId: satisfactionRequestId(event.id),
          type: 'complaint.satisfaction_requested',
          data: { reference, answerBy: event.data.satisfactionDueBy },
        },
      ];
    }
    case 'ComplaintClosed':
      return [
        { ...base, type: 'complaint.closed', data: { reference, closure: event.data.closure, mergedInto: event.data.mergedInto } },
      ];
    default:
      return [];
  }
}

export interface DeliveryOutcome {
  notificationId: string;
  type: NotificationType;
  attempt: number;
  ok: boolean;
  status: number | null;
  error: string | null;
  /** the sender will not try again */
  final: boolean;
}

const DEFAULT_ESCALATE_AFTER = 5;

export function escalateAfterAttempts(policy: Policy): number {
  return policy.notifications?.escalateAfterAttempts ?? DEFAULT_ESCALATE_AFTER;
}

/**
 * Record one attempt, once (a repeated report of an attempt already recorded records
 * nothing); the attempt that reaches the policy's limit without success, or gives the
 * webhook up before it, escalates the open case once.
 */
export function decideDeliveryOutcome(state: ComplaintState, outcome: DeliveryOutcome, context: DecisionContext): NewEvent[] {
  const system = { ...context, actor: SYSTEM_ACTOR };
  const known = state.notifications.find((n) => n.notificationId === outcome.notificationId);
  // delivered already, given up already, or this attempt reported before (a relay retried after signalling)
  if (known && (known.delivered || known.abandoned || outcome.attempt <= known.attempts)) return [];
  if (outcome.ok) {
    return [
      {
        ...envelope(system),
        type: 'NotificationSent',
        data: { notificationId: outcome.notificationId, notificationType: outcome.type, attempt: outcome.attempt, status: outcome.status ?? 200 },
      },
    ];
  }
  const failed: NewEvent = {
    ...envelope(system),
    type: 'NotificationFailed',
    data: {
      notificationId: outcome.notificationId,
      notificationType: outcome.type,
      attempt: outcome.attempt,
      status: outcome.status,
      error: truncate(outcome.error ?? 'delivery failed', 1_000),
      final: outcome.final,
    },
  };
  // the customer's intake system will not hear about this case: once at the policy's limit,
  // or when the webhook is given up before it (a refused destination is final at once)
  const limit = escalateAfterAttempts(context.policy);
  const givenUp = outcome.attempt === limit || (outcome.final && outcome.attempt < limit);
  const escalated = givenUp && state.status !== 'closed' ? escalation(state, 'notification-failure', system) : null;
  return escalated ? [failed, escalated] : [failed];
}

/** At most `max` UTF-16 code units, never cutting a surrogate pair in half (a lone half is not text PostgreSQL takes). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.charCodeAt(max - 1) >= 0xd800 && text.charCodeAt(max - 1) <= 0xdbff ? max - 1 : max;
  return text.slice(0, cut);
}
