/**
 * The worker's outbox relays: one pump starts case workflows (topic = this worker's task
 * queue), one delivers webhooks to intake systems (topic `webhooks`). Both start workflows
 * only through the CaseWorkflowStarter (libs/case-workflows).
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { CaseWorkflowStarter } from '../../../../libs/case-workflows/src';
import { requireConnections, type AppConfig } from '../../../../libs/config/src';
import { START_WORKFLOW, type OutboxMessage, type StartWorkflowPayload } from '../../../../libs/event-store/src';
import { CallbackDestinationRule, type HostResolver } from '../../../../libs/callbacks/src';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { HOST_RESOLVER, WORKER_CONFIG } from '../worker-tokens';
import { exponentialBackoff, OutboxPump, type OutboxHandler } from './outbox-pump';
import { WebhookSender } from './webhook-sender';

/** Starts the workflow of each newly accepted case. */
export class WorkflowStarts implements OutboxHandler {
  readonly retryDelayMs = exponentialBackoff(200, 5_000);
  readonly topic: string;

  constructor(
    private readonly starter: CaseWorkflowStarter,
    private readonly metrics: WorkerMetrics,
  ) {
    this.topic = starter.taskQueue;
  }

  async deliver(messages: OutboxMessage[]): Promise<PromiseSettledResult<unknown>[]> {
    const starts = messages.filter((m) => m.kind === START_WORKFLOW);
    const started = await this.starter.start(starts.map((m) => m.payload as StartWorkflowPayload));
    const now = Date.now();
    started.forEach((result, index) => {
      if (result.status === 'fulfilled') this.metrics.workflowStartLag.observe((now - Date.parse(starts[index].createdAt)) / 1000);
    });
    return messages.map((message) => {
      const index = starts.indexOf(message);
      return index >= 0 ? started[index] : { status: 'rejected', reason: new Error(`unknown outbox kind ${message.kind}`) };
    });
  }
}

@Injectable()
export class OutboxRelayService implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly pumps: OutboxPump[] = [];

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Client) private readonly temporal: Client,
    @Inject(HOST_RESOLVER) private readonly hostResolver: HostResolver,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  async start(): Promise<void> {
    const { databaseUrl } = requireConnections(this.config);
    if (this.config.webhookSecrets.length === 0) this.logger.warn('WEBHOOK_SECRET is not set: webhooks to intake systems will fail');
    const starter = new CaseWorkflowStarter(this.temporal, this.db.manager, this.config.temporal.taskQueue);
    const destinations = new CallbackDestinationRule(this.config.callbackDestinations);
    const webhooks = new WebhookSender(starter, this.config.webhookSecrets, destinations, this.hostResolver, this.metrics);
    this.pumps.push(new OutboxPump(this.db, databaseUrl, new WorkflowStarts(starter, this.metrics)), new OutboxPump(this.db, databaseUrl, webhooks));
    await Promise.all(this.pumps.map((pump) => pump.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.pumps.map((pump) => pump.stop()));
    await this.temporal.connection.close().catch(() => undefined);
  }
}
