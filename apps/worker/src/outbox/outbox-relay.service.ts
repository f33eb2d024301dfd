/**
 * The outbox relay: delivers outbox rows after their transaction committed. It wakes on
 * NOTIFY (and polls once a second as a safety net), claims due rows with FOR UPDATE SKIP
 * LOCKED (several relays can run side by side), and for `start-workflow` rows starts the
 * case workflow with the case's recorded events. Starting is idempotent: the workflow id
 * is the case's, an already running (or finished) workflow counts as started. When
 * Temporal is unreachable the rows are retried with backoff; nothing is lost.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { requireConnections, type AppConfig } from '../../../../libs/config/src/app-config';
import { complaintStreamId, toRecordedEvent } from '../../../../libs/event-store/src/complaint-stream';
import { claimOutbox, markOutboxDone, markOutboxFailed, OUTBOX_CHANNEL } from '../../../../libs/event-store/src/outbox';
import { START_WORKFLOW, type StartWorkflowPayload } from '../../../../libs/event-store/src/outbox-kinds';
import { readStreams } from '../../../../libs/event-store/src/read-stream';
import { readPolicies } from '../../../../libs/event-store/src/policy-registry';
import type { Policy } from '../../../../libs/domain/src/policy/policy-schema';
import type { complaintWorkflow } from '../../../../workflows/complaint/complaint-workflow';
import { complaintWorkflowId } from '../../../../workflows/complaint/messages';
import { WORKER_CONFIG } from '../worker-tokens';

const BATCH = 100;
const POLL_MS = 1_000;
const MAX_BACKOFF_MS = 5_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(attempts, 10));
}

@Injectable()
export class OutboxRelayService implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private listener: PgClient | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Client) private readonly temporal: Client,
  ) {}

  async start(): Promise<void> {
    this.listener = new PgClient({ connectionString: requireConnections(this.config).databaseUrl });
    this.listener.on('notification', () => this.wake?.());
    this.listener.on('error', (error) => this.logger.warn(`LISTEN connection: ${error.message}`));
    await this.listener.connect();
    await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let delivered = 0;
      let pauseMs = 0;
      try {
        ({ delivered, pauseMs } = await this.deliverBatch());
      } catch (error) {
        this.logger.error(`outbox batch failed: ${(error as Error).message}`);
        pauseMs = POLL_MS;
      }
      if (delivered === 0 || pauseMs > 0) await this.sleep(pauseMs || POLL_MS);
    }
  }

  /** Claim and deliver one batch; returns how many were delivered and how long to pause. */
  async deliverBatch(): Promise<{ delivered: number; pauseMs: number }> {
    return this.db.transaction(async (tx) => {
      const messages = await claimOutbox(tx, this.config.temporal.taskQueue, BATCH);
      if (messages.length === 0) return { delivered: 0, pauseMs: 0 };
      const starts = messages.filter((m) => m.kind === START_WORKFLOW);
      const histories = await readStreams(
        tx,
        starts.map((m) => complaintStreamId((m.payload as StartWorkflowPayload).complaintId)),
      );
      const first = (id: string) => histories.get(complaintStreamId(id))?.[0]?.data as { policyVersion?: string } | undefined;
      const policies = await readPolicies(
        tx,
        starts.map((m) => first((m.payload as StartWorkflowPayload).complaintId)?.policyVersion ?? ''),
      );
      const outcomes = await Promise.allSettled(
        messages.map(async (message) => {
          if (message.kind !== START_WORKFLOW) throw new Error(`unknown outbox kind ${message.kind}`);
          const { complaintId } = message.payload as StartWorkflowPayload;
          const history = (histories.get(complaintStreamId(complaintId)) ?? []).map(toRecordedEvent);
          const policy = policies.get(first(complaintId)?.policyVersion ?? '');
          if (!policy) throw new Error(`case ${complaintId}: its policy version is not registered`);
          return this.startWorkflow(complaintId, history, policy);
        }),
      );
      const done: string[] = [];
      let pauseMs = 0;
      for (const [index, outcome] of outcomes.entries()) {
        const message = messages[index];
        if (outcome.status === 'fulfilled') {
          done.push(message.id);
          continue;
        }
        const delay = retryDelayMs(message.attempts);
        pauseMs = Math.max(pauseMs, delay);
        await markOutboxFailed(tx, message.id, String((outcome.reason as Error)?.message ?? outcome.reason), delay);
      }
      await markOutboxDone(tx, done);
      if (pauseMs) this.logger.warn(`${messages.length - done.length} outbox rows failed; retrying in ${pauseMs} ms`);
      return { delivered: done.length, pauseMs };
    });
  }

  private async startWorkflow(
    complaintId: string,
    history: ReturnType<typeof toRecordedEvent>[],
    policy: Policy,
  ): Promise<void> {
    if (history.length === 0) throw new Error(`case ${complaintId} has no events`);
    try {
      await this.temporal.workflow.start<typeof complaintWorkflow>('complaintWorkflow', {
        workflowId: complaintWorkflowId(complaintId),
        taskQueue: this.config.temporal.taskQueue,
        args: [{ complaintId, history, policy }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw error;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.temporal.connection.close().catch(() => undefined);
  }
}
