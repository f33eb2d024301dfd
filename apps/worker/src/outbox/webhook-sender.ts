/**
 * Webhooks to the intake system, from the outbox: signed per the Standard Webhooks
 * specification (webhook-id = the notification's id, the same on every retry and when
 * another worker delivers it again after this one lost its lease; webhook-timestamp;
 * webhook-signature = v1,<base64 HMAC-SHA256 of id.timestamp.body>, keyed by
 * WEBHOOK_SECRET: one signature per secret it lists, space-separated, so receivers verify
 * with the old secret or the new one while a rotation overlaps), retried with exponential backoff. Each attempt's outcome is
 * signalled to the case's workflow (started by the CaseWorkflowStarter if none runs), which
 * records it (NotificationSent/NotificationFailed);
 * a failing callback never blocks or loses the case. Each delivery checks the destination
 * (libs/callbacks): the URL on its face, then every address its host resolves to, connecting
 * only to those checked addresses; redirects are never followed. A refused destination is
 * a final failed attempt: the rule will refuse it again.
 */
import { Webhook } from 'standardwebhooks';
import { fetch, type Agent } from 'undici';
import {
  checkedDispatcher,
  destinationRefusal,
  type CallbackDestinationRule,
  type HostResolver,
} from '../../../../libs/callbacks/src';
import type { CaseWorkflowStarter } from '../../../../libs/case-workflows/src';
import type { DeliveryOutcome, Notification } from '../../../../libs/domain/src';
import { WEBHOOK_TOPIC, type OutboxMessage } from '../../../../libs/event-store/src';
import { deliveryOutcomeSignal } from '../../../../workflows/complaint/messages';
import type { WorkerMetrics } from '../metrics/worker-metrics';
import { exponentialBackoff, type OutboxHandler } from './outbox-pump';

export const WEBHOOK_MAX_ATTEMPTS = 12;
/** The longest one POST may take, connecting and reading the answer included. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface PostResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** the destination rule refused the callback: trying again cannot help */
  refused: boolean;
}

export function webhookBody(notification: Notification): string {
  return JSON.stringify({
    id: notification.notificationId,
    type: notification.type,
    complaintId: notification.complaintId,
    occurredAt: notification.occurredAt,
    data: notification.data,
    // what the customer is told, in their language, when the policy writes notices
    ...(notification.message ? { message: notification.message } : {}),
  });
}

export class WebhookSender implements OutboxHandler {
  readonly topic = WEBHOOK_TOPIC;
  readonly retryDelayMs = exponentialBackoff(1_000, 5 * 60_000);
  /** the current secret's first: several sign during a rotation's overlap */
  private readonly signers: Webhook[];
  private readonly dispatcher: Agent;

  constructor(
    private readonly starter: CaseWorkflowStarter,
    secrets: readonly string[],
    private readonly destinations: CallbackDestinationRule,
    resolver: HostResolver,
    private readonly metrics: WorkerMetrics,
  ) {
    this.signers = secrets.map((secret) => new Webhook(secret));
    this.dispatcher = checkedDispatcher(destinations, resolver);
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  async deliver(messages: OutboxMessage[]): Promise<PromiseSettledResult<unknown>[]> {
    return Promise.allSettled(messages.map((message) => this.deliverOne(message)));
  }

  private async deliverOne(message: OutboxMessage): Promise<void> {
    const notification = message.payload as Notification;
    const attempt = message.attempts;
    const result = await this.post(notification);
    const outcome: DeliveryOutcome = {
      notificationId: notification.notificationId,
      type: notification.type,
      attempt,
      ok: result.ok,
      status: result.status,
      error: result.error,
      final: result.refused || (!result.ok && attempt >= WEBHOOK_MAX_ATTEMPTS),
    };
    this.metrics.webhookDeliveries.inc({ result: result.ok ? 'delivered' : outcome.final ? 'abandoned' : 'failed' });
    // to the case's workflow, started if none runs (a finished one has nobody left to record
    // it); a case without a start input fails the attempt, retried later
    await this.starter.signalWithStart(notification.complaintId, deliveryOutcomeSignal, outcome);
    if (!result.ok && !outcome.final) throw new Error(result.error ?? 'delivery failed');
  }

  async post(notification: Notification): Promise<PostResult> {
    if (this.signers.length === 0) return { ok: false, status: null, error: 'WEBHOOK_SECRET is not configured', refused: false };
    const refusal = this.destinations.checkUrl(notification.url);
    if (refusal) return { ok: false, status: null, error: `destination refused: ${refusal}`, refused: true };
    const body = webhookBody(notification);
    const now = new Date();
    const headers = {
      'content-type': 'application/json',
      'webhook-id': notification.notificationId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      // Standard Webhooks: space-separated signatures, one per secret, any of which verifies
      'webhook-signature': this.signers.map((signer) => signer.sign(notification.notificationId, now, body)).join(' '),
    };
    try {
      const response = await fetch(notification.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        dispatcher: this.dispatcher,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
      return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}${redirect}`, refused: false };
    } catch (error) {
      const refused = destinationRefusal(error);
      if (refused) return { ok: false, status: null, error: refused.message, refused: true };
      return { ok: false, status: null, error: describeFailure(error), refused: false };
    }
  }
}

/** fetch's "fetch failed" with the reason it wraps, e.g. "fetch failed: getaddrinfo ENOTFOUND x". */
function describeFailure(error: unknown): string {
  const message = (error as Error).message;
  const cause = (error as Error).cause;
  return cause instanceof Error && cause.message && cause.message !== message ? `${message}: ${cause.message}` : message;
}
