/**
 * Periodic signed checkpoints: every CHECKPOINT_INTERVAL_MS the worker signs a checkpoint
 * of every stream head, unless nothing moved since the latest one. Without
 * AUDIT_SIGNING_KEY it says so once and does nothing. A failed attempt is logged and
 * retried at the next tick; it never stops the worker.
 */
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/src';
import { createCheckpoint, checkpointSigner, type CheckpointSigner } from '../../../../libs/audit-trail/src';
import { WORKER_CONFIG } from '../worker-tokens';

export const CHECKPOINT_INTERVAL_MS = 5 * 60_000;

@Injectable()
export class CheckpointSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointSchedulerService.name);
  private readonly signer: CheckpointSigner | null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(WORKER_CONFIG) config: AppConfig,
    @Inject(DataSource) private readonly db: DataSource,
  ) {
    this.signer = config.auditSigningKey ? checkpointSigner(config.auditSigningKey) : null;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  start(intervalMs = CHECKPOINT_INTERVAL_MS): void {
    clearInterval(this.timer);
    if (!this.signer) {
      this.logger.warn('AUDIT_SIGNING_KEY is not set: no periodic checkpoints are signed');
      return;
    }
    this.timer = setInterval(() => {
      this.running = this.checkpointNow().catch((error: unknown) =>
        this.logger.error(`periodic checkpoint failed: ${(error as Error).message}`),
      );
    }, intervalMs);
    this.timer.unref();
  }

  /** Sign a checkpoint now if any stream head moved since the latest; true when one was made. */
  async checkpointNow(): Promise<boolean> {
    if (!this.signer) return false;
    const { checkpoint, created } = await createCheckpoint(this.db, this.signer, { createdBy: 'worker', onlyIfChanged: true });
    if (created) this.logger.log(`checkpoint ${checkpoint.id}: ${checkpoint.streamCount} streams, root ${checkpoint.root}`);
    return created;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
