/**
 * The outbox relay's loop for one topic: it wakes on NOTIFY (and polls once a second as a
 * safety net, which also finds rows whose lease ran out), claims due rows with a lease
 * (libs/event-store outbox-leases: several workers can share a topic), hands them to its
 * handler with no transaction open, then records each outcome where the lease is still
 * its own: delivered rows are done, the others are retried with backoff. Nothing is lost:
 * a row stays until its handler succeeds or gives up; a crashed worker's rows are taken
 * again once their lease runs out.
 */
import { Logger } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import {
  claimOutbox,
  OUTBOX_CHANNEL,
  recordOutboxOutcomes,
  type OutboxMessage,
  type OutboxOutcome,
} from '../../../../libs/event-store/src';
import { WakeablePause } from '../wakeable-pause';

const BATCH = 100;
const POLL_MS = 1_000;

/**
 * How long a claim holds its rows. It must outlast the slowest delivery of a batch, or a
 * second relay would deliver rows the first is still delivering: a webhook is one POST of
 * at most 10 s (WEBHOOK_TIMEOUT_MS) and Temporal calls of at most 10 s together
 * (TEMPORAL_CALL_DEADLINE_MS), a workflow start one read of the case's events and one
 * Temporal call of at most 10 s; a batch's deliveries run side by side. A minute is three
 * times the worst of them, room for a slow database or a busy event loop, and it is also
 * how long a crashed worker's rows wait before another worker takes them.
 */
export const OUTBOX_LEASE_MS = 60_000;

export interface OutboxHandler {
  readonly topic: string;
  /** deliver a batch; a rejected entry is retried later, a fulfilled one is done */
  deliver(messages: OutboxMessage[]): Promise<PromiseSettledResult<unknown>[]>;
  /** how long to wait before the next attempt of a row that has failed `attempts` times */
  retryDelayMs(attempts: number): number;
  /** release what the handler holds (e.g. open connections) once the pump has stopped */
  close?(): Promise<void>;
}

export interface OutboxPumpOptions {
  /** how long a claim holds its rows (default OUTBOX_LEASE_MS; tests shorten it) */
  leaseMs?: number;
}

export class OutboxPump {
  private readonly logger: Logger;
  private readonly leaseMs: number;
  private listener: PgClient | undefined;
  private stopped = false;
  private readonly pause = new WakeablePause();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly databaseUrl: string,
    private readonly handler: OutboxHandler,
    options: OutboxPumpOptions = {},
  ) {
    this.logger = new Logger(`Outbox:${handler.topic}`);
    this.leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
  }

  async start(): Promise<void> {
    this.listener = new PgClient({ connectionString: this.databaseUrl });
    this.listener.on('notification', () => this.pause.wakeUp());
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
        this.logger.error(`batch failed: ${(error as Error).message}`);
        pauseMs = POLL_MS;
      }
      if (delivered === 0 || pauseMs > 0) await this.pause.for(pauseMs || POLL_MS);
    }
  }

  /**
   * Claim and deliver one batch; how many were delivered (and recorded as such), and how
   * long to pause after failures. The claim and the record are one short statement each;
   * no transaction is open while the handler delivers.
   */
  async deliverBatch(): Promise<{ delivered: number; pauseMs: number }> {
    const claim = await claimOutbox(this.db.manager, this.handler.topic, BATCH, this.leaseMs);
    if (claim.messages.length === 0) return { delivered: 0, pauseMs: 0 };
    // a handler that fails as a whole (e.g. cannot read what it needs) fails each row of the batch
    const settled = await this.handler
      .deliver(claim.messages)
      .catch((reason: unknown) => claim.messages.map((): PromiseRejectedResult => ({ status: 'rejected', reason })));
    let pauseMs = 0;
    const outcomes = claim.messages.map((message, index): OutboxOutcome => {
      const outcome = settled[index];
      if (outcome.status === 'fulfilled') return { id: message.id, done: true };
      const retryInMs = this.handler.retryDelayMs(message.attempts);
      pauseMs = Math.max(pauseMs, Math.min(retryInMs, 5_000));
      const error = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
      return { id: message.id, done: false, error, retryInMs };
    });
    const recorded = await recordOutboxOutcomes(this.db.manager, claim, outcomes);
    const failed = outcomes.filter((o) => !o.done).length;
    if (failed > 0) this.logger.warn(`${failed} of ${outcomes.length} rows failed; retrying with backoff`);
    if (recorded.size < outcomes.length) {
      this.logger.warn(`${outcomes.length - recorded.size} of ${outcomes.length} rows outlived their lease; their new holder records them`);
    }
    return { delivered: outcomes.filter((o) => o.done && recorded.has(o.id)).length, pauseMs };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pause.wakeUp();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.handler.close?.();
  }
}

/** Exponential backoff from `initialMs`, doubling per attempt, capped at `maxMs`. */
export function exponentialBackoff(initialMs: number, maxMs: number): (attempts: number) => number {
  return (attempts) => Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}
