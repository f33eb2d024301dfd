/**
 * Delivers the outbox rows of one topic after their transaction committed. It wakes on
 * NOTIFY (and polls once a second as a safety net), claims due rows with FOR UPDATE SKIP
 * LOCKED (several workers can share a topic), hands them to its handler, marks the
 * delivered ones done and retries the others with backoff. Nothing is lost: a row stays
 * until its handler succeeds or gives up.
 */
import { Logger } from '@nestjs/common';
import { Client as PgClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import {
  claimOutbox,
  markOutboxDone,
  markOutboxFailed,
  OUTBOX_CHANNEL,
  type OutboxMessage,
} from '../../../../libs/event-store/src/outbox';

const BATCH = 100;
const POLL_MS = 1_000;

export interface OutboxHandler {
  readonly topic: string;
  /** deliver a batch; a rejected entry is retried later, a fulfilled one is done */
  deliver(tx: EntityManager, messages: OutboxMessage[]): Promise<PromiseSettledResult<unknown>[]>;
  /** how long to wait before the next attempt of a row that has failed `attempts` times */
  retryDelayMs(attempts: number): number;
  /** release what the handler holds (e.g. open connections) once the pump has stopped */
  close?(): Promise<void>;
}

export class OutboxPump {
  private readonly logger: Logger;
  private listener: PgClient | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly databaseUrl: string,
    private readonly handler: OutboxHandler,
  ) {
    this.logger = new Logger(`Outbox:${handler.topic}`);
  }

  async start(): Promise<void> {
    this.listener = new PgClient({ connectionString: this.databaseUrl });
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
        this.logger.error(`batch failed: ${(error as Error).message}`);
        pauseMs = POLL_MS;
      }
      if (delivered === 0 || pauseMs > 0) await this.sleep(pauseMs || POLL_MS);
    }
  }

  /** Claim and deliver one batch; how many were delivered, and how long to pause after failures. */
  async deliverBatch(): Promise<{ delivered: number; pauseMs: number }> {
    return this.db.transaction(async (tx) => {
      const messages = await claimOutbox(tx, this.handler.topic, BATCH);
      if (messages.length === 0) return { delivered: 0, pauseMs: 0 };
      const outcomes = await this.handler.deliver(tx, messages);
      const done: string[] = [];
      let pauseMs = 0;
      for (const [index, outcome] of outcomes.entries()) {
        const message = messages[index];
        if (outcome.status === 'fulfilled') {
          done.push(message.id);
          continue;
        }
        const delay = this.handler.retryDelayMs(message.attempts + 1);
        pauseMs = Math.max(pauseMs, Math.min(delay, 5_000));
        const reason = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        await markOutboxFailed(tx, message.id, reason, delay);
      }
      await markOutboxDone(tx, done);
      if (done.length < messages.length) {
        this.logger.warn(`${messages.length - done.length} of ${messages.length} rows failed; retrying with backoff`);
      }
      return { delivered: done.length, pauseMs };
    });
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

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
    await this.handler.close?.();
  }
}

/** Exponential backoff from `initialMs`, doubling per attempt, capped at `maxMs`. */
export function exponentialBackoff(initialMs: number, maxMs: number): (attempts: number) => number {
  return (attempts) => Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(attempts - 1, 20)));
}
