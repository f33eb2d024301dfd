/**
 * Keeps the report tables current: folds the store's new events into them batch by batch
 * (libs/event-store report-projection: checkpoint and rows in one transaction), polling a
 * few times a second when it has caught up, so a report reflects an event within about a
 * second of its commit. Every worker runs one; the checkpoint's row lock lets one fold at a
 * time, and any of them takes over when another stops. After downtime it catches up from its
 * checkpoint.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { projectReportBatch } from '../../../../libs/event-store/src';
import { WakeablePause } from '../wakeable-pause';

const BATCH = 1_000;
const IDLE_MS = 250;
const FAILED_MS = 2_000;

@Injectable()
export class ReportProjectorService implements OnApplicationShutdown {
  private readonly logger = new Logger(ReportProjectorService.name);
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly pause = new WakeablePause();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  start(): void {
    this.loop ??= this.run();
  }

  private async run(): Promise<void> {
    let failing = false;
    while (!this.stopped) {
      let pauseMs = 0;
      try {
        const { folded, busy } = await projectReportBatch(this.db, BATCH);
        if (failing) this.logger.log('report tables are being kept current again');
        failing = false;
        if (folded === 0 || busy) pauseMs = IDLE_MS;
      } catch (error) {
        if (!failing) this.logger.warn(`report tables not updated: ${(error as Error).message}; retrying`);
        failing = true;
        pauseMs = FAILED_MS;
      }
      if (pauseMs > 0) await this.pause.for(pauseMs);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.pause.wakeUp();
    await this.loop;
  }
}
