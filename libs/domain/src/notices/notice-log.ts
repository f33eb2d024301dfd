/**
 * What the customer was told, read back from the case's events (GET …/notices): each
 * notice as recorded on the event that caused it, with how its webhook fared, from the
 * NotificationSent / NotificationFailed events recorded under the notice's id.
 */
import type { RecordedEvent } from '../events/complaint-events';
import { NOTICE_KINDS } from './notice-templates';
import type { CustomerNotice } from './render-notice';

export type NoticeDelivery =
  /** the case has no callbackUrl: the intake system reads its notices here */
  | 'no_callback'
  /** no attempt reported yet */
  | 'pending'
  | 'delivered'
  /** attempts failed; the sender keeps trying */
  | 'retrying'
  /** the sender gave the webhook up */
  | 'abandoned';

export interface NoticeRecord extends CustomerNotice {
  /** the event the notice was written for */
  causedBy: { eventId: string; type: string; position: number };
  issuedAt: string;
  delivery: { status: NoticeDelivery; attempts: number; deliveredAt: string | null };
}

export function noticeLog(events: readonly RecordedEvent[]): NoticeRecord[] {
  const callback = events.find((e) => e.type === 'ComplaintReceived')?.data.callbackUrl ?? null;
  const outcomes = new Map<string, { attempts: number; delivered: string | null; abandoned: boolean }>();
  for (const event of events) {
    if (event.type !== 'NotificationSent' && event.type !== 'NotificationFailed') continue;
    const outcome = outcomes.get(event.data.notificationId) ?? { attempts: 0, delivered: null, abandoned: false };
    outcome.attempts = Math.max(outcome.attempts, event.data.attempt);
    if (event.type === 'NotificationSent') outcome.delivered = event.occurredAt;
    else if (event.data.final) outcome.abandoned = true;
    outcomes.set(event.data.notificationId, outcome);
  }
  const log: NoticeRecord[] = [];
  for (const event of events) {
    const notices = (event.data as { notices?: CustomerNotice[] }).notices;
    if (!Array.isArray(notices)) continue;
    for (const notice of notices) {
      if (!(NOTICE_KINDS as readonly string[]).includes(notice.kind)) continue;
      const outcome = outcomes.get(notice.noticeId);
      const status: NoticeDelivery = !callback
        ? 'no_callback'
        : outcome?.delivered
          ? 'delivered'
          : outcome?.abandoned
            ? 'abandoned'
            : outcome
              ? 'retrying'
              : 'pending';
      log.push({
        ...notice,
        causedBy: { eventId: event.id, type: event.type, position: event.position },
        issuedAt: event.occurredAt,
        delivery: { status, attempts: outcome?.attempts ?? 0, deliveredAt: outcome?.delivered ?? null },
      });
    }
  }
  return log;
}
