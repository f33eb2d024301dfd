/**
 * Builds and starts the worker process's Nest application context: the Temporal Worker,
 * the outbox relay and the report projector. Used by main.ts and by the tests.
 */
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../../../libs/config/src';
import type { HostResolver } from '../../../libs/callbacks/src';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { ReportProjectorService } from './reports/report-projector.service';
import { TemporalWorkerService } from './temporal/temporal-worker.service';
import { WorkerModule } from './worker.module';

export interface WorkerApp {
  context: INestApplicationContext;
  /** settles when the Temporal worker stops (rejects if it failed) */
  done: Promise<void>;
  close(): Promise<void>;
}

export interface WorkerAppOptions {
  /** run the outbox relay (default true); tests turn it off to exercise update-with-start */
  relay?: boolean;
  /** how webhook delivery resolves callback hosts (default: the system's resolver); DNS is the edge a test may replace */
  hostResolver?: HostResolver;
  /** where the JSON log lines go (default stdout): a test that reads them */
  logDestination?: DestinationStream;
}

export async function startWorkerApp(config: AppConfig, options: WorkerAppOptions = {}): Promise<WorkerApp> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forConfig(config, options.hostResolver, options.logDestination), { bufferLogs: true });
  context.useLogger(context.get(Logger));
  context.enableShutdownHooks();
  const worker = context.get(TemporalWorkerService);
  await worker.start();
  if (options.relay ?? true) await context.get(OutboxRelayService).start();
  context.get(ReportProjectorService).start();
  let closed = false;
  return {
    context,
    done: worker.done(),
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close();
      const db = context.get(DataSource);
      if (db.isInitialized) await db.destroy();
    },
  };
}
