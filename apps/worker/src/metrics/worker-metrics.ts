/**
 * The worker process's own figures: the events its case workflows append, how long a newly
 * accepted case waits for its workflow to start (from the outbox row written at intake to the
 * start Temporal accepted), and the webhooks it delivers. The Temporal SDK's worker figures
 * (task slots, poll and schedule-to-start latencies, cache) come from the SDK itself and are
 * served beside these (worker-metrics-server.ts).
 */
import { Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { EventAppendMetrics, processRegistry } from '../../../../libs/metrics/src';

export type WebhookDeliveryResult = 'delivered' | 'failed' | 'abandoned';

@Injectable()
export class WorkerMetrics {
  readonly registry: Registry = processRegistry('worker');
  readonly appends = new EventAppendMetrics(this.registry);
  readonly workflowStartLag = new Histogram({
    name: 'complaint_workflow_start_lag_seconds',
    help: 'From a case’s acknowledgment (its start-workflow outbox row) to its workflow started in Temporal',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter<'result'>({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by result: delivered (2xx), failed (to be retried), abandoned (the last attempt failed, or the destination is refused)',
    labelNames: ['result'],
    registers: [this.registry],
  });

  constructor() {
    for (const result of ['delivered', 'failed', 'abandoned'] satisfies WebhookDeliveryResult[]) this.webhookDeliveries.inc({ result }, 0);
  }
}
