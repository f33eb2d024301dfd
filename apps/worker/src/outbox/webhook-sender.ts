/**
 * Webhooks to the intake system, from the outbox: signed per the Standard Webhooks
 * specification (webhook-id = the notification's id, the same on every retry;
 * webhook-timestamp; webhook-signature = v1,<base64 HMAC-SHA256 of id.timestamp.body>,
 * keyed by WEBHOOK_SECRET), retried with exponential backoff. Each attempt's outcome is
 * signalled to the case's workflow, which records it (NotificationSent/NotificationFailed);
 * a failing callback never blocks or loses the case.
 */
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Webhook } from 'standardwebhooks';
import type { EntityManager } from 'typeorm';
import type { DeliveryOutcome, Notification } from '../../../../libs/domain/src/notifications/notifications';
import { WEBHOOK_TOPIC } from '../../../../libs/event-store/src/outbox-kinds';
import type { OutboxMessage } from '../../../../libs/event-store/src/outbox';
import type { complaintWorkflow } from '../../../../workflows/complaint/complaint-workflow';
import { complaintWorkflowId, deliveryOutcomeSignal } from '../../../../workflows/complaint/messages';
import { workflowInputs } from './case-workflow-starter';
import { exponentialBackoff, type OutboxHandler } from './outbox-pump';

export const WEBHOOK_MAX_ATTEMPTS = 12;
const TIMEOUT_MS = 10_000;

export function webhookBody(notification: Notification): string {
  return JSON.stringify({
    id: notification.notificationId,
    type: notification.type,
    complaintId: notification.complaintId,
    occurredAt: notification.occurredAt,
    data: notification.data,
  });
}

export class WebhookSender implements OutboxHandler {
  readonly topic = WEBHOOK_TOPIC;
  readonly retryDelayMs = exponentialBackoff(1_000, 5 * 60_000);
  private readonly signer: Webhook | undefined;

  constructor(
    private readonly temporal: Client,
    private readonly taskQueue: string,
    secret: string | undefined,
  ) {
    this.signer = secret ? new Webhook(secret) : undefined;
  }

  async deliver(tx: EntityManager, messages: OutboxMessage[]): Promise<PromiseSettledResult<unknown>[]> {
    const ids = [...new Set(messages.map((m) => (m.payload as Notification).complaintId))];
    const inputs = await workflowInputs(tx, ids);
    return Promise.allSettled(messages.map((message) => this.deliverOne(message, inputs)));
  }

  private async deliverOne(message: OutboxMessage, inputs: Awaited<ReturnType<typeof workflowInputs>>): Promise<void> {
    const notification = message.payload as Notification;
    const attempt = message.attempts + 1;
    const result = await this.post(notification);
    const outcome: DeliveryOutcome = {
      notificationId: notification.notificationId,
      type: notification.type,
      attempt,
      ok: result.ok,
      status: result.status,
      error: result.error,
      final: !result.ok && attempt >= WEBHOOK_MAX_ATTEMPTS,
    };
    const input = inputs.get(notification.complaintId);
    try {
      if (input) {
        await this.temporal.workflow.signalWithStart<typeof complaintWorkflow, [DeliveryOutcome]>('complaintWorkflow', {
          workflowId: complaintWorkflowId(notification.complaintId),
          taskQueue: this.taskQueue,
          args: [input],
          signal: deliveryOutcomeSignal,
          signalArgs: [outcome],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
      } else {
        // no start input (no events, or the case's policy version is not registered): never
        // start a workflow without one; signal a running one, or fail and retry later
        await this.temporal.workflow.getHandle(complaintWorkflowId(notification.complaintId)).signal(deliveryOutcomeSignal, outcome);
      }
    } catch (error) {
      // the case's workflow has finished: there is nobody left to record the outcome
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    if (!result.ok && !outcome.final) throw new Error(result.error ?? 'delivery failed');
  }

  async post(notification: Notification): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    if (!this.signer) return { ok: false, status: null, error: 'WEBHOOK_SECRET is not configured' };
    const body = webhookBody(notification);
    const now = new Date();
    const headers = {
      'content-type': 'application/json',
      'webhook-id': notification.notificationId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': this.signer.sign(notification.notificationId, now, body),
    };
    try {
      const response = await fetch(notification.url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, status: response.status, error: ok ? null : `HTTP ${response.status}` };
    } catch (error) {
      return { ok: false, status: null, error: (error as Error).message };
    }
  }
}
