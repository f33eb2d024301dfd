/**
 * The worker's outbox relays: one pump starts case workflows (topic = this worker's task
 * queue), one delivers webhooks to intake systems (topic `webhooks`).
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { requireConnections, type AppConfig } from '../../../../libs/config/src/app-config';
import { START_WORKFLOW, type OutboxMessage, type StartWorkflowPayload } from '../../../../libs/event-store/src';
import { CallbackDestinationRule, type HostResolver } from '../../../../libs/callbacks/src';
import { HOST_RESOLVER, WORKER_CONFIG } from '../worker-tokens';
import { startCaseWorkflow, workflowInputs } from './case-workflow-starter';
import { exponentialBackoff, OutboxPump, type OutboxHandler } from './outbox-pump';
import { WebhookSender } from './webhook-sender';

/** Starts the workflow of each newly accepted case. */
class WorkflowStarts implements OutboxHandler {
  readonly retryDelayMs = exponentialBackoff(200, 5_000);

  constructor(
    readonly topic: string,
    private readonly db: DataSource,
    private readonly temporal: Client,
  ) {}

  async deliver(messages: OutboxMessage[]): Promise<PromiseSettledResult<unknown>[]> {
    const ids = messages.map((m) => (m.payload as StartWorkflowPayload).complaintId);
    const inputs = await workflowInputs(this.db.manager, ids);
    return Promise.allSettled(
      messages.map(async (message, index) => {
        if (message.kind !== START_WORKFLOW) throw new Error(`unknown outbox kind ${message.kind}`);
        await startCaseWorkflow(this.temporal, this.topic, inputs.get(ids[index]));
      }),
    );
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
  ) {}

  async start(): Promise<void> {
    const { databaseUrl } = requireConnections(this.config);
    const taskQueue = this.config.temporal.taskQueue;
    if (!this.config.webhookSecret) this.logger.warn('WEBHOOK_SECRET is not set: webhooks to intake systems will fail');
    const destinations = new CallbackDestinationRule(this.config.callbackDestinations);
    const webhooks = new WebhookSender(this.db, this.temporal, taskQueue, this.config.webhookSecret, destinations, this.hostResolver);
    this.pumps.push(
      new OutboxPump(this.db, databaseUrl, new WorkflowStarts(taskQueue, this.db, this.temporal)),
      new OutboxPump(this.db, databaseUrl, webhooks),
    );
    await Promise.all(this.pumps.map((pump) => pump.start()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.pumps.map((pump) => pump.stop()));
    await this.temporal.connection.close().catch(() => undefined);
  }
}
